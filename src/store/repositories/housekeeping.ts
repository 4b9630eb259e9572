import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from '../schema.js';
import type { StoreTraits } from '../traits.js';

type Table = keyof Database;

/**
 * Removal of rows that have served their purpose, one bounded batch per call (it answers the number
 * removed), so no statement holds a big table for long. Where the store can (PostgreSQL), a batch skips rows that another node
 * is removing at the same moment (SKIP LOCKED) rather than waiting for them: nodes that purge together
 * never block each other, nor anyone else.
 */
export class HousekeepingRepository {
  constructor(private readonly db: Kysely<Database>, private readonly traits: StoreTraits) {}

  /** Finished jobs last run before `before`. (A failed deletion's reasons are kept by the contact itself.) */
  finishedJobs(before: number, limit: number): Promise<number> {
    return this.removeBatch('jobs', ['id'], this.db.selectFrom('jobs').select('id').where('state', 'in', ['done', 'failed']).where('run_at', '<', before), limit);
  }

  /** Verification messages made before `before`; a message still waiting for delivery stays. */
  outbox(before: number, limit: number): Promise<number> {
    return this.removeBatch('outbox', ['id'], this.db.selectFrom('outbox').select('id').where('sent_at', '<', before).where('state', '<>', 'queued'), limit);
  }

  /** Verification tokens that expired before `before` (used and voided ones included). */
  verificationTokens(before: number, limit: number): Promise<number> {
    return this.removeBatch('verification_tokens', ['id'], this.db.selectFrom('verification_tokens').select('id').where('expires_at', '<', before), limit);
  }

  /** Daily send counters of the UTC days before `beforeDay` (YYYY-MM-DD); the limit counts today's only. */
  sendCounters(beforeDay: string, limit: number): Promise<number> {
    const keys = ['account_id', 'channel', 'day'] as const;
    return this.removeBatch('verification_sends', keys, this.db.selectFrom('verification_sends').select(keys).where('day', '<', beforeDay), limit);
  }

  /** Batches of signature nonces (the SQLite store's) whose every nonce expired before `before`. */
  nonceBatches(before: number, limit: number): Promise<number> {
    return this.removeBatch('nonce_batches', ['id'], this.db.selectFrom('nonce_batches').select('id').where('expires_at', '<', before), limit);
  }

  /** Nodes not heard from since `before`: stopped long ago (what they held is free already). */
  stoppedNodes(before: number, limit: number): Promise<number> {
    return this.removeBatch('nodes', ['id'], this.db.selectFrom('nodes').select('id').where('seen_at', '<', before), limit);
  }

  /** Events of the audit trail that happened before `before`. */
  auditEvents(before: number, limit: number): Promise<number> {
    return this.removeBatch('audit_events', ['event_id'], this.db.selectFrom('audit_events').select('event_id').where('event_time', '<', before), limit);
  }

  /** Accounts, recipients or deliveries of messages made before `before`. */
  messageParts(table: 'message_accounts' | 'message_recipients' | 'message_deliveries', before: number, limit: number): Promise<number> {
    const old = this.db.selectFrom('messages').select('id').where('created_at', '<', before);
    const rows =
      table === 'message_deliveries'
        ? this.db.selectFrom('message_deliveries').select('id').where('message_id', 'in', old)
        : table === 'message_accounts'
          ? this.db.selectFrom('message_accounts').select(['message_id', 'account_id']).where('message_id', 'in', old)
          : this.db.selectFrom('message_recipients').select(['message_id', 'contact_id']).where('message_id', 'in', old);
    const key = table === 'message_deliveries' ? ['id'] : table === 'message_accounts' ? ['message_id', 'account_id'] : ['message_id', 'contact_id'];
    return this.removeBatch(table, key, rows as SelectQueryBuilder<Database, Table, object>, limit);
  }

  /** Published messages made before `before` (their parts are removed first). */
  messages(before: number, limit: number): Promise<number> {
    return this.removeBatch('messages', ['id'], this.db.selectFrom('messages').select('id').where('created_at', '<', before), limit);
  }

  /**
   * Account placements closed before `before` that no kept message needs: none of their directory's messages
   * was published at a sequence they were open at (an index range per placement). A message from before
   * migration 015 needs none. (The time keeps a publish in flight from losing one: see PLACEMENT_GRACE_MS.)
   */
  closedPlacements(before: number, limit: number): Promise<number> {
    const keys = ['account_id', 'directory_id', 'since_seq'] as const;
    const rows = this.db
      .selectFrom('account_placements')
      .select(keys)
      .where('until_seq', 'is not', null)
      .where('closed_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('messages as m')
              .select('m.id')
              .whereRef('m.directory_id', '=', 'account_placements.directory_id')
              .whereRef('m.placement_seq', '>=', 'account_placements.since_seq')
              .whereRef('m.placement_seq', '<', 'account_placements.until_seq'),
          ),
        ),
      );
    return this.removeBatch('account_placements', keys, rows, limit);
  }

  /** Per-recipient daily notice counters of the UTC days before `beforeDay`. */
  messageSendCounters(beforeDay: string, limit: number): Promise<number> {
    const keys = ['channel', 'to', 'day'] as const;
    return this.removeBatch('message_sends', keys, this.db.selectFrom('message_sends').select(keys).where('day', '<', beforeDay), limit);
  }

  /** Console sessions that expired before `before`. */
  consoleSessions(before: number, limit: number): Promise<number> {
    return this.removeBatch('console_sessions', ['token_hash'], this.db.selectFrom('console_sessions').select('token_hash').where('expires_at', '<', before), limit);
  }

  /**
   * Deletes the first `limit` rows that `rows` selects (it selects the table's key columns, `key`).
   * `DELETE … WHERE (key) IN (SELECT key … LIMIT n)` reads the same on SQLite and PostgreSQL.
   */
  private async removeBatch<T extends Table>(table: T, key: readonly string[], rows: SelectQueryBuilder<Database, T, object>, limit: number): Promise<number> {
    const batch = rows.limit(limit).$if(this.traits.skipLocked, (q) => q.forUpdate().skipLocked());
    const r = await this.db
      .deleteFrom(table as Table)
      .where(sql<SqlBool>`(${sql.join(key.map((k) => sql.ref(k)))}) in (${batch})`)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
