import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { withoutFlush } from './durability.js';
import { NonceSet } from './nonce-set.js';
import type { NonceRegistry } from '../store.js';

/**
 * For the single-node SQLite store: decisions are made in memory (a node owns its SQLite file), and the
 * claimed nonces are written as one row per batch (`nonce_batches`), so that a restart still refuses a
 * replay. A batch is written with every group commit (`writeIn`), so a write is acknowledged only once its
 * nonce is on disk with it; between writes, every few milliseconds. So only the nonces of reads can be
 * forgotten: those of the last flush interval before a crash (README, "Behaviour worth knowing").
 */
export class BufferedNonceRegistry implements NonceRegistry {
  private readonly seen = new NonceSet();
  private pending: Array<[accessKeyId: string, nonce: string, expiresAt: number]> = [];
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
    await db.deleteFrom('nonce_batches').where('expires_at', '<', now).execute();
    // Rows of the per-nonce table written by earlier versions still count.
    for (const row of await db.selectFrom('nonces').selectAll().execute()) registry.remember(row.access_key_id, row.nonce, Number(row.expires_at), now);
    for (const row of await db.selectFrom('nonce_batches').select('entries').execute()) {
      for (const [accessKeyId, nonce, expiresAt] of JSON.parse(row.entries) as Array<[string, string, number]>) registry.remember(accessKeyId, nonce, expiresAt, now);
    }
    return registry;
  }

  private remember(accessKeyId: string, nonce: string, expiresAt: number, now: number): void {
    if (expiresAt > now) this.seen.add(accessKeyId + '\n' + nonce, expiresAt, now);
  }

  /** Nonces held in memory (live ones, and expired ones of the current minute: nonce-set.ts). */
  get size(): number {
    return this.seen.size;
  }

  /** One node has the SQLite file: what it remembers is every nonce held. */
  async held(): Promise<number> {
    return this.seen.size;
  }

  async claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    if (!this.seen.add(accessKeyId + '\n' + nonce, expiresAt, Date.now())) return false;
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
      // crash can lose the batch not yet written; either way only replay protection of reads is lost.
      await withoutFlush(this.db, (conn) => insertBatch(conn, batch));
    } catch (err) {
      this.pending = batch.concat(this.pending);
      throw err;
    }
  }

  /**
   * Writes the nonces claimed so far on `conn`, inside a transaction about to commit (the group commit,
   * group-commit.ts): a write is answered after its commit, and its nonce was claimed before it.
   * Returns what puts them back when that commit fails.
   */
  async writeIn(conn: Kysely<Database>): Promise<() => void> {
    const batch = this.pending;
    this.pending = [];
    const putBack = () => {
      this.pending = batch.concat(this.pending);
    };
    if (batch.length === 0) return () => undefined;
    try {
      await insertBatch(conn, batch);
    } catch (err) {
      putBack();
      throw err;
    }
    return putBack;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

function insertBatch(conn: Kysely<Database>, batch: Array<[string, string, number]>): Promise<unknown> {
  return conn
    .insertInto('nonce_batches')
    .values({ id: randomUUID(), expires_at: batch.reduce((latest, e) => Math.max(latest, e[2]), 0), entries: JSON.stringify(batch) })
    .execute();
}
