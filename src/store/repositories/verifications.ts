import type { Kysely } from 'kysely';
import type { Database, VerificationTokenTable } from '../schema.js';
import type { Channel, VerificationToken } from '../records.js';

/** Verification tokens (hashed) and the per-account daily count of verification sends. */
export class VerificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertToken(t: VerificationToken): Promise<void> {
    await this.db
      .insertInto('verification_tokens')
      .values({
        id: t.id,
        token_hash: t.tokenHash,
        contact_id: t.contactId,
        channel: t.channel,
        target: t.target,
        code_hash: t.codeHash,
        attempts: t.attempts,
        expires_at: t.expiresAt,
        used_at: t.usedAt,
        voided_at: t.voidedAt,
        created_at: t.createdAt,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<VerificationToken | undefined> {
    const row = await this.db.selectFrom('verification_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toToken(row);
  }

  async deleteToken(id: string): Promise<void> {
    await this.db.deleteFrom('verification_tokens').where('id', '=', id).execute();
  }

  /** Voids every live token of a contact's channel except `keepId`. */
  async voidOthers(contactId: string, channel: Channel, keepId: string | null, now: number): Promise<void> {
    let q = this.db
      .updateTable('verification_tokens')
      .set({ voided_at: now })
      .where('contact_id', '=', contactId)
      .where('channel', '=', channel)
      .where('used_at', 'is', null)
      .where('voided_at', 'is', null);
    if (keepId !== null) q = q.where('id', '<>', keepId);
    await q.execute();
  }

  /** Marks a live token used; false when it was used, voided or expired meanwhile (single use under races). */
  async markUsed(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('verification_tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('voided_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Counts a wrong code; voids the token at `maxAttempts`. Returns the attempts made so far. */
  async countWrongCode(id: string, maxAttempts: number, now: number): Promise<number> {
    await this.db
      .updateTable('verification_tokens')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('voided_at', 'is', null)
      .execute();
    await this.db.updateTable('verification_tokens').set({ voided_at: now }).where('id', '=', id).where('voided_at', 'is', null).where('attempts', '>=', maxAttempts).execute();
    const row = await this.db.selectFrom('verification_tokens').select('attempts').where('id', '=', id).executeTakeFirst();
    return Number(row?.attempts ?? maxAttempts);
  }

  /**
   * Reserves one of the day's sends of an account and channel; false when `limit` are already used. A
   * conditional update, so concurrent sends on any number of nodes never exceed the limit.
   */
  async reserveSend(accountId: string, channel: Channel, day: string, limit: number): Promise<boolean> {
    await this.db
      .insertInto('verification_sends')
      .values({ account_id: accountId, channel, day, count: 0 })
      .onConflict((oc) => oc.columns(['account_id', 'channel', 'day']).doNothing())
      .execute();
    const r = await this.db
      .updateTable('verification_sends')
      .set((eb) => ({ count: eb('count', '+', 1) }))
      .where('account_id', '=', accountId)
      .where('channel', '=', channel)
      .where('day', '=', day)
      .where('count', '<', limit)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Gives back a reserved send that did not go out (only successful sends count). */
  async releaseSend(accountId: string, channel: Channel, day: string): Promise<void> {
    await this.db
      .updateTable('verification_sends')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('account_id', '=', accountId)
      .where('channel', '=', channel)
      .where('day', '=', day)
      .where('count', '>', 0)
      .execute();
  }

  /**
   * Verification messages that went out to `target` on `channel` from the contacts of one directory since
   * `since` (a send that failed deleted its token, so it does not count): the per-minute quota.
   */
  async sendsTo(directoryId: string, channel: 'email' | 'sms', target: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('verification_tokens as t')
      .innerJoin('contacts as c', 'c.id', 't.contact_id')
      .where('c.directory_id', '=', directoryId)
      .where('t.channel', '=', channel)
      .where('t.target', '=', target)
      .where('t.created_at', '>', since)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toToken(row: VerificationTokenTable): VerificationToken {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    contactId: row.contact_id,
    channel: row.channel,
    target: row.target,
    codeHash: row.code_hash,
    attempts: Number(row.attempts),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
    voidedAt: row.voided_at === null ? null : Number(row.voided_at),
    createdAt: Number(row.created_at),
  };
}
