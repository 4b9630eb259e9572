import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { StoreTimings } from '../../metrics/metrics.js';

/** Transactions committed together at most; a larger queue is split over several commits. */
const MAX_BATCH = 64;

interface Queued {
  work: (conn: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the SQLite store. Every commit with synchronous=FULL waits for the disk (an fsync, on the
 * event loop), so a commit per transaction caps every write at the disk's flush rate. Transactions asked
 * for in the same turn of the event loop run one after another inside one SQLite transaction, each in its
 * own savepoint, and share one commit:
 * - a transaction that throws is rolled back to its savepoint alone, and its caller gets the error;
 * - a transaction's result is handed back only after the shared commit is on disk, so nothing is
 *   acknowledged before it is durable; if that commit fails, every transaction of the batch fails.
 * Work inside a transaction uses only the connection it is given (as with any Kysely transaction on the
 * one SQLite connection), so the batch cannot deadlock on it. `rider` is written in every commit, after
 * the batch (the nonces claimed so far, so a write is never acknowledged before its nonce is durable); it
 * returns what undoes its bookkeeping when the commit fails.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly rider: (conn: Kysely<Database>) => Promise<() => void> = async () => () => undefined,
    /** Told how long each shared commit (its fsync) took. */
    private readonly timings?: StoreTimings,
  ) {}

  run<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // After this turn's I/O callbacks: every request read in it reaches its transaction first.
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.queue.splice(0, MAX_BATCH);
      this.schedule();
      this.commit(batch).catch((err: unknown) => {
        for (const q of batch) q.reject(err);
      });
    });
  }

  private commit(batch: Queued[]): Promise<void> {
    return this.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      const done: Array<{ q: Queued; value: unknown }> = [];
      let undoRider = () => {};
      try {
        for (const q of batch) {
          await sql`savepoint group_commit`.execute(conn);
          try {
            const value = await q.work(conn);
            await sql`release group_commit`.execute(conn);
            done.push({ q, value });
          } catch (err) {
            await sql`rollback to group_commit`.execute(conn);
            await sql`release group_commit`.execute(conn);
            q.reject(err);
          }
        }
        undoRider = await this.rider(conn);
        const committing = performance.now();
        await sql`commit`.execute(conn);
        this.timings?.commit((performance.now() - committing) / 1000);
      } catch (err) {
        undoRider();
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw err;
      }
      for (const { q, value } of done) q.resolve(value);
    });
  }
}
