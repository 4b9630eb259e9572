import type { Kysely } from 'kysely';
import type { Database, OutboxTable } from './schema.js';
import { capturedMessageOf, type CapturedMessage } from './tenant-outbox-repository.js';

export type OutboxRow = OutboxTable;

/** Verification messages: captured ones (the outbox) and the delivery queue of SMTP and SMS providers. */
export class OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: OutboxRow): Promise<void> {
    await this.db.insertInto('outbox').values(row).execute();
  }

  find(id: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The messages, oldest first; only those of one contact when `contactId` is given. */
  list(contactId?: string, limit = 100): Promise<OutboxRow[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (contactId !== undefined) q = q.where('contact_id', '=', contactId);
    return q.orderBy('sent_at').orderBy('id').limit(limit).execute();
  }

  /** The newest `limit` captured messages of `channels` (to one address or number when `to` is given), oldest first. */
  async listCaptured(to: string | undefined, channels: ReadonlyArray<OutboxRow['channel']>, limit: number): Promise<CapturedMessage[]> {
    if (channels.length === 0) return [];
    let q = this.db.selectFrom('outbox').selectAll().where('state', '=', 'captured').where('channel', 'in', [...channels]);
    if (to !== undefined) q = q.where('to', '=', to);
    const rows = await q.orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.reverse().map(capturedMessageOf);
  }

  /**
   * Marks a queued message delivered. Its link, code and body are dropped: a live token is kept in clear
   * only while the message waits. False when it was not queued (delivered or given up already).
   */
  async markSent(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set((eb) => ({ state: 'sent', delivered_at: now, attempts: eb('attempts', '+', 1), last_error: null, link: '', code: null, text: '', html: null }))
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records a failed attempt; `giveUp` marks the message failed (and drops its secrets). */
  async markAttemptFailed(id: string, error: string, giveUp: boolean): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), ...(giveUp ? { state: 'failed' as const, link: '', code: null, text: '', html: null } : {}) }))
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .execute();
  }
}
