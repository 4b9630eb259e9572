import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

/**
 * The dialect with the duration of each COMMIT reported: on PostgreSQL the wait for the WAL flush (the
 * server's own group commit), the equivalent of the SQLite store's shared commit (sqlite/group-commit.ts).
 * Every other driver call passes through untouched.
 */
export function timingCommits(dialect: Dialect, commit: (seconds: number) => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new CommitTimingDriver(dialect.createDriver(), commit),
  };
}

class CommitTimingDriver implements Driver {
  constructor(private readonly driver: Driver, private readonly commit: (seconds: number) => void) {}

  init(): Promise<void> {
    return this.driver.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.driver.acquireConnection();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.driver.beginTransaction(connection, settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const started = performance.now();
    await this.driver.commitTransaction(connection);
    this.commit((performance.now() - started) / 1000);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }
}
