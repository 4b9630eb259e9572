import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { NonceRegistry } from './nonces.js';

/**
 * For a store shared by several nodes: every claim is one statement in the database, so a nonce used on
 * one node is refused on all of them. The insert wins for a nonce never seen or whose window has passed; a
 * live one makes it update nothing. Expired nonces are removed now and then.
 */
export class SharedNonceRegistry implements NonceRegistry {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly db: Kysely<Database>, pruneMs = 60_000) {
    this.timer = setInterval(() => void this.prune().catch(() => undefined), pruneMs);
    this.timer.unref();
  }

  async claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const now = Date.now();
    const row = await this.db
      .insertInto('nonces')
      .values({ access_key_id: accessKeyId, nonce, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .columns(['access_key_id', 'nonce'])
          .doUpdateSet({ expires_at: expiresAt })
          .where(sql.ref('nonces.expires_at'), '<=', now),
      )
      .returning('expires_at')
      .executeTakeFirst();
    return row !== undefined;
  }

  async prune(): Promise<void> {
    await this.db.deleteFrom('nonces').where('expires_at', '<', Date.now()).execute();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}
