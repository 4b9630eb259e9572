import { Kysely, Migrator, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { migrations } from './migrations/index.js';
import { Repositories } from './repositories.js';
import type { NonceRegistry } from './nonces.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The one store interface: repositories (each a set of dialect-neutral Kysely queries), transactions,
 * a readiness ping and migrations. SQLite and PostgreSQL differ only in how the Kysely instance and the
 * nonce registry are made (sqlite.ts, postgres.ts).
 */
export class Store extends Repositories {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly kysely: Kysely<Database>,
    readonly dialect: Dialect,
    readonly nonces: NonceRegistry,
    private readonly release: () => Promise<void>,
  ) {
    super(kysely, dialect);
  }

  /** Runs `work` in one transaction: all of its writes land together or not at all. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.kysely.transaction().execute((trx: Transaction<Database>) => work(new Repositories(trx, this.dialect)));
  }

  /**
   * Runs short-lived bookkeeping whose loss in a power cut is harmless (leases, which expire by themselves).
   * A store may skip flushing it to disk; user data never goes through here.
   */
  ephemeral<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return work(this);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.kysely, provider: { getMigrations: async () => migrations } });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) throw new Error(`${failed ? `migration ${failed.migrationName}` : 'migrating'} failed: ${String((error as Error)?.message ?? error)}`);
  }

  /** Closes the store once; closing it again waits for the same close. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.nonces.close();
      await this.release();
    })();
    return this.closing;
  }
}
