import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { withoutFlush } from './durability.js';
import type { NonceRegistry } from '../store.js';

/** A full scan of the remembered nonces at most this often: under load the set is large and mostly live. */
const PRUNE_EVERY_MS = 10_000;

/**
 * For the single-node SQLite store: decisions are made in memory (a node owns its SQLite file), and the
 * claimed nonces are written every few milliseconds as one row per batch (`nonce_batches`), so that a
 * restart still refuses a replay. Only nonces claimed in the last flush interval before a crash can be
 * forgotten.
 */
export class BufferedNonceRegistry implements NonceRegistry {
  private readonly seen = new Map<string, number>();
  private pending: Array<[accessKeyId: string, nonce: string, expiresAt: number]> = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private prunedAt = 0;

  private constructor(private readonly db: Kysely<Database>, flushMs: number) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  static async open(db: Kysely<Database>, flushMs = 20): Promise<BufferedNonceRegistry> {
    const registry = new BufferedNonceRegistry(db, flushMs);
    const now = Date.now();
    await db.deleteFrom('nonces').where('expires_at', '<', now).execute();
    await db.deleteFrom('nonce_batches').where('expires_at', '<', now).execute();
    // Rows of the per-nonce table written by earlier versions still count.
    for (const row of await db.selectFrom('nonces').selectAll().execute()) registry.remember(row.access_key_id, row.nonce, Number(row.expires_at), now);
    for (const row of await db.selectFrom('nonce_batches').select('entries').execute()) {
      for (const [accessKeyId, nonce, expiresAt] of JSON.parse(row.entries) as Array<[string, string, number]>) registry.remember(accessKeyId, nonce, expiresAt, now);
    }
    return registry;
  }

  private remember(accessKeyId: string, nonce: string, expiresAt: number, now: number): void {
    if (expiresAt > now) this.seen.set(accessKeyId + '\n' + nonce, expiresAt);
  }

  async claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const key = accessKeyId + '\n' + nonce;
    const known = this.seen.get(key);
    if (known !== undefined && known > Date.now()) return false;
    this.seen.set(key, expiresAt);
    this.pending.push([accessKeyId, nonce, expiresAt]);
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
      // Not flushed to disk by itself (durability.ts): a power cut can lose the last batches, as a
      // crash can lose the batch not yet written; either way only replay protection of seconds is lost.
      await withoutFlush(this.db, (conn) =>
        conn
          .insertInto('nonce_batches')
          .values({ id: randomUUID(), expires_at: batch.reduce((latest, e) => Math.max(latest, e[2]), 0), entries: JSON.stringify(batch) })
          .execute(),
      );
    } catch (err) {
      this.pending = batch.concat(this.pending);
      throw err;
    }
    if (this.seen.size > 100_000 && Date.now() - this.prunedAt > PRUNE_EVERY_MS) this.prune();
  }

  /** Forgets expired nonces in memory; their batches in the store are removed by housekeeping (jobs/housekeeping.ts). */
  private prune(): void {
    const now = Date.now();
    this.prunedAt = now;
    for (const [key, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
