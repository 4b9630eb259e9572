import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { StoreTraits } from './traits.js';
import { Repositories } from './repositories/index.js';
import type { NonceRegistry, Store } from './store.js';
import type { StoreTimings } from '../metrics/metrics.js';
import type { AuditEventEntry } from './records.js';

/** The store over a Kysely instance: each transaction a Kysely transaction. The SQLite store refines it. */
export class KyselyStore extends Repositories implements Store {
  private closing: Promise<void> | undefined;

  constructor(
    protected readonly kysely: Kysely<Database>,
    readonly dialect: Store['dialect'],
    readonly traits: StoreTraits,
    readonly nonces: NonceRegistry,
    private readonly release: () => Promise<void>,
    /** Told how long each transaction took (the metrics); a store opened outside a server (tests, bench) has none. */
    protected readonly timings?: StoreTimings,
  ) {
    super(kysely, traits);
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.timed(() => this.kysely.transaction().execute((trx: Transaction<Database>) => work(new Repositories(trx, this.traits))));
  }

  /** Runs a transaction and reports its duration, whether it committed or failed. */
  protected async timed<T>(transaction: () => Promise<T>): Promise<T> {
    if (!this.timings) return transaction();
    const started = performance.now();
    try {
      return await transaction();
    } finally {
      this.timings.transaction((performance.now() - started) / 1000);
    }
  }

  ephemeral<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return work(this);
  }

  appendAuditEvents(entries: readonly AuditEventEntry[]): Promise<void> {
    return this.transaction((tx) => tx.auditEvents.insert(entries));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.nonces.close();
      await this.release();
    })();
    return this.closing;
  }
}
