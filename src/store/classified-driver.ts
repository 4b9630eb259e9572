import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

/** Turns a driver's error into the store's typed error (errors/store-error.ts), or gives back the error as it is. */
export type Classify = (err: unknown) => unknown;

/**
 * The dialect with every driver error classified where it happens: acquiring a connection, running a
 * statement, beginning or ending a transaction. So the rest of the server sees one error type per meaning,
 * whichever database is below. The wrapping is a try/catch around each call: nothing per request.
 */
export function classifyingErrors(dialect: Dialect, classify: Classify): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new ClassifyingDriver(dialect.createDriver(), classify),
  };
}

class ClassifyingDriver implements Driver {
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(private readonly driver: Driver, private readonly classify: Classify) {}

  init(): Promise<void> {
    return this.guard(() => this.driver.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.guard(() => this.driver.acquireConnection());
    const wrapped = new ClassifyingConnection(connection, this.classify);
    this.inner.set(wrapped, connection);
    return wrapped;
  }

  // The driver gets its own connection object back: pg's carries private methods (release, and the mark
  // that discards a connection whose ROLLBACK failed, which kysely 0.28 calls when PostgreSQL goes away).
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.guard(() => this.driver.beginTransaction(this.unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.driver.commitTransaction(this.unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.driver.rollbackTransaction(this.unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(this.unwrap(connection));
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.inner.get(connection) ?? connection;
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw this.classify(err);
    }
  }
}

class ClassifyingConnection implements DatabaseConnection {
  constructor(private readonly connection: DatabaseConnection, private readonly classify: Classify) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.connection.executeQuery<R>(query);
    } catch (err) {
      throw this.classify(err);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.connection.streamQuery<R>(query, chunkSize);
    } catch (err) {
      throw this.classify(err);
    }
  }
}
