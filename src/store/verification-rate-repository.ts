import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** How often one address was sent a verification: the per-minute quota reads the tokens the sends issued. */
export class VerificationRateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Verification messages that went out to `target` on `channel` from the contacts of one directory since
   * `since` (a send that failed deleted its token, so it does not count).
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
