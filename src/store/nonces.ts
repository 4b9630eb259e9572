import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { withoutFlush } from './sqlite-durability.js';

/** Remembers signature nonces for the timestamp window, so a replayed request is refused. */
export interface NonceRegistry {
  /** True the first time (accessKeyId, nonce) is seen before `expiresAt`; false for a replay. */
  claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * For the single-node SQLite store: decisions are made in memory (a node owns its SQLite file), and the
 * claimed nonces are written to the `nonces` table in batches every few milliseconds, so that a restart
 * still refuses a replay. Only nonces claimed in the last flush interval before a crash can be forgotten.
 */
export class BufferedNonceRegistry implements NonceRegistry {
  private readonly seen = new Map<string, number>();
  private pending: Array<{ access_key_id: string; nonce: string; expires_at: number }> = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  private constructor(private readonly db: Kysely<Database>, flushMs: number) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  static async open(db: Kysely<Database>, flushMs = 20): Promise<BufferedNonceRegistry> {
    const registry = new BufferedNonceRegistry(db, flushMs);
    const now = Date.now();
    await db.deleteFrom('nonces').where('expires_at', '<', now).execute();
    for (const row of await db.selectFrom('nonces').selectAll().execute()) {
      registry.seen.set(row.access_key_id + '\n' + row.nonce, Number(row.expires_at));
    }
    return registry;
  }

  async claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const key = accessKeyId + '\n' + nonce;
    const known = this.seen.get(key);
    if (known !== undefined && known > Date.now()) return false;
    this.seen.set(key, expiresAt);
    this.pending.push({ access_key_id: accessKeyId, nonce, expires_at: expiresAt });
    return true;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch(() => undefined);
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      // Not flushed to disk by itself (sqlite-durability.ts): a power cut can lose the last batches, as a
      // crash can lose the batch not yet written; either way only replay protection of seconds is lost.
      await withoutFlush(this.db, async (conn) => {
        for (let i = 0; i < batch.length; i += 500) {
          await conn
            .insertInto('nonces')
            .values(batch.slice(i, i + 500))
            .onConflict((oc) => oc.columns(['access_key_id', 'nonce']).doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') })))
            .execute();
        }
      });
    } catch (err) {
      this.pending = batch.concat(this.pending);
      throw err;
    }
    if (this.seen.size > 100_000) this.prune();
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(key);
    void this.db.deleteFrom('nonces').where('expires_at', '<', now).execute().catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
