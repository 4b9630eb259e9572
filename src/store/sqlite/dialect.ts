import { CompiledQuery, SqliteDialect, SqliteDriver, SqliteQueryCompiler, type DatabaseConnection, type Driver, type LimitNode, type OffsetNode, type QueryCompiler, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite dialect, but transactions start with BEGIN IMMEDIATE: they take SQLite's write lock when
 * they begin (waiting up to busy_timeout for another process to finish) instead of at their first write. A
 * deferred transaction that has read and then wants to write while another process writes cannot wait
 * (SQLITE_BUSY at once, whatever busy_timeout says), which made nodes sharing one file fail at random.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqliteConfig: SqliteDialectConfig,
    private readonly waitBefore?: WaitBeforeStatement,
  ) {
    super(sqliteConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqliteConfig, this.waitBefore);
  }

  override createQueryCompiler(): QueryCompiler {
    return new PlannedLimitCompiler();
  }
}

/**
 * What a statement must wait for before it runs, if anything. The SQLite store waits, outside transactions,
 * for commits not yet flushed to disk (group-commit.ts): nothing outside the group commit reads, or builds
 * on, rows that a power cut could still take back.
 */
export type WaitBeforeStatement = () => Promise<void> | undefined;

class ImmediateSqliteDriver extends SqliteDriver {
  private waiting: DatabaseConnection | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly waitBefore: WaitBeforeStatement | undefined,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    if (!this.waitBefore) return connection;
    this.waiting ??= waitingConnection(connection, this.waitBefore);
    return this.waiting;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** `connection` (the driver's one), each statement run once `waitBefore` has nothing more to wait for. */
function waitingConnection(connection: DatabaseConnection, waitBefore: WaitBeforeStatement): DatabaseConnection {
  return {
    executeQuery(query) {
      const wait = waitBefore();
      return wait ? wait.then(() => connection.executeQuery(query)) : connection.executeQuery(query);
    },
    async *streamQuery(query, chunkSize) {
      await waitBefore();
      yield* connection.streamQuery(query, chunkSize);
    },
  };
}

/**
 * LIMIT and OFFSET written `? + 0` rather than a bare parameter. SQLite plans a bare `LIMIT ?` for the value
 * bound, which marks the statement to be prepared again whenever that parameter is bound, so a cached
 * statement was prepared anew on every run (sqlite3Reprepare: ~60 µs for the List's page, five times the rest
 * of the statement, a quarter of a ListMessageContacts by Member). An expression it plans once; the rows are
 * the same.
 */
class PlannedLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    super.visitLimit(node);
    this.append(' + 0');
  }

  protected override visitOffset(node: OffsetNode): void {
    super.visitOffset(node);
    this.append(' + 0');
  }
}
