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
 * Group commit for the SQLite store. Every durable commit waits for the disk (an fsync), so a commit per
 * transaction caps every write at the disk's flush rate. Transactions asked for in the same turn of the
 * event loop run one after another inside one SQLite transaction, each in its own savepoint, and share one
 * commit:
 * - a transaction that throws is rolled back to its savepoint alone, and its caller gets the error;
 * - a transaction's result is handed back only after the shared commit is on disk, so nothing is
 *   acknowledged before it is durable; if that commit fails, every transaction of the batch fails.
 * The commit itself runs with synchronous=NORMAL (no fsync on the event loop) and `durable` then flushes
 * the WAL on the thread pool (wal-sync.ts), while the batch still holds the connection: until the flush is
 * done no one reads the batch's rows (reads queue for the connection; direct reads ask `holdsConnection`),
 * as none could while synchronous=FULL blocked the loop, and the event loop serves other requests meanwhile.
 * Work inside a transaction uses only the connection it is given (as with any Kysely transaction on the
 * one SQLite connection), so the batch cannot deadlock on it. `rider` is written in every commit, after
 * the batch (the nonces claimed so far, so a write is never acknowledged before its nonce is durable); it
 * returns what undoes its bookkeeping when the commit fails.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;
  /** True while a batch holds the connection: from its BEGIN until its commit is on disk. */
  holdsConnection = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly rider: (conn: Kysely<Database>) => Promise<() => void>,
    /** Resolves once everything committed before the call is on disk. */
    private readonly durable: () => Promise<void>,
    /** Told how long each shared commit (with its flush to disk) took. */
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
      this.holdsConnection = true;
      try {
        await this.commitHolding(conn, batch);
      } finally {
        this.holdsConnection = false;
      }
    });
  }

  private async commitHolding(conn: Kysely<Database>, batch: Queued[]): Promise<void> {
    const done: Array<{ q: Queued; value: unknown }> = [];
    let undoRider = () => {};
    let committing = 0;
    await sql`pragma synchronous = NORMAL`.execute(conn);
    try {
      await sql`begin immediate`.execute(conn);
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
      committing = performance.now();
      await sql`commit`.execute(conn);
    } catch (err) {
      undoRider();
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    } finally {
      // Every other write on the connection (migrations, the store's own statements) stays durable by itself.
      await sql`pragma synchronous = FULL`.execute(conn);
    }
    // A failed flush fails the batch (StoreUnavailableError): its rows are committed, but not known to be on disk.
    await this.durable();
    this.timings?.commit((performance.now() - committing) / 1000);
    for (const { q, value } of done) q.resolve(value);
  }
}
