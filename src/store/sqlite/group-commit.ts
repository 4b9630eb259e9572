import type { Kysely } from 'kysely';
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
 *   acknowledged before it is durable; if that commit or its flush fails, every transaction of the batch fails.
 * The commit runs with synchronous=NORMAL (no fsync on the event loop), and `durable` then flushes the WAL on
 * the thread pool (wal-sync.ts). Meanwhile the next batch may run and commit (its own answers wait for a
 * flush that began after its commit), while every statement outside the group commit waits for the flush
 * (`pendingFlush`: dialect.ts, direct-reads.ts): no one reads rows before they are durable, as none could
 * while synchronous=FULL blocked the event loop.
 * Work inside a transaction uses only the connection it is given (as with any Kysely transaction on the
 * one SQLite connection), so the batch cannot deadlock on it; the batch's own statements (BEGIN, savepoints,
 * COMMIT) run on `connection` directly while it holds Kysely's. `rider` is written in every commit, after
 * the batch (the nonces claimed so far, so a write is never acknowledged before its nonce is durable); it
 * returns what undoes its bookkeeping when the commit fails.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;
  /** The flush of the last commit, until it is done (whether it succeeded or not). */
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    /** The raw connection below `db`, its errors classified as the store's (errors.ts). */
    private readonly connection: { exec(sql: string): void; readonly inTransaction: boolean },
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

  /** While a commit is not yet on disk: what settles once it (and every commit before it) is. */
  pendingFlush(): Promise<void> | undefined {
    return this.flushing;
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

  private async commit(batch: Queued[]): Promise<void> {
    const { done, flush, committing } = await this.db.connection().execute((conn) => this.commitHolding(conn, batch));
    // A failed flush fails the batch (StoreUnavailableError): its rows are committed, but not known to be on disk.
    await flush;
    this.timings?.commit((performance.now() - committing) / 1000);
    for (const { q, value } of done) q.resolve(value);
  }

  private async commitHolding(conn: Kysely<Database>, batch: Queued[]) {
    const sqlite = this.connection;
    const done: Array<{ q: Queued; value: unknown }> = [];
    let undoRider = () => {};
    sqlite.exec('pragma synchronous = NORMAL');
    try {
      sqlite.exec('begin immediate');
      for (const q of batch) {
        sqlite.exec('savepoint group_commit');
        try {
          const value = await q.work(conn);
          sqlite.exec('release group_commit');
          done.push({ q, value });
        } catch (err) {
          sqlite.exec('rollback to group_commit');
          sqlite.exec('release group_commit');
          q.reject(err);
        }
      }
      undoRider = await this.rider(conn);
      const committing = performance.now();
      sqlite.exec('commit');
      // Asked for before the connection is released: from here on, statements outside the group commit wait.
      return { done, flush: this.flushed(this.durable()), committing };
    } catch (err) {
      undoRider();
      if (sqlite.inTransaction) sqlite.exec('rollback');
      throw err;
    } finally {
      // Every other write on the connection (migrations, the store's own statements) stays durable by itself.
      sqlite.exec('pragma synchronous = FULL');
    }
  }

  /** `flush`, remembered as pending until it settles. Flushes settle in the order they were asked for. */
  private flushed(flush: Promise<void>): Promise<void> {
    const settled = flush.then(
      () => undefined,
      () => undefined,
    );
    this.flushing = settled;
    void settled.then(() => {
      if (this.flushing === settled) this.flushing = undefined;
    });
    return flush;
  }
}
