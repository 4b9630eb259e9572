import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ConsoleSessionRecord } from '../records.js';

/** Console sessions, by the hash of their token: every node of one database sees the same sessions. */
export class ConsoleSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: ConsoleSessionRecord): Promise<void> {
    await this.db
      .insertInto('console_sessions')
      .values({ token_hash: session.tokenHash, key_id: session.keyId, created_at: session.createdAt, expires_at: session.expiresAt, flash_tone: session.flash?.tone ?? null, flash_text: session.flash?.text ?? null })
      .execute();
  }

  async find(tokenHash: string): Promise<ConsoleSessionRecord | undefined> {
    const row = await this.db.selectFrom('console_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return undefined;
    const flash = row.flash_tone === null || row.flash_text === null ? null : { tone: row.flash_tone as 'success' | 'error', text: row.flash_text };
    return { tokenHash: row.token_hash, keyId: row.key_id, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at), flash };
  }

  /** Sets (or, with null, clears) the note for the session's next page. */
  async setFlash(tokenHash: string, flash: ConsoleSessionRecord['flash']): Promise<void> {
    await this.db.updateTable('console_sessions').set({ flash_tone: flash?.tone ?? null, flash_text: flash?.text ?? null }).where('token_hash', '=', tokenHash).execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('token_hash', '=', tokenHash).execute();
  }
}
