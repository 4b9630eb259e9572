import { CompiledQuery, SqliteDialect, SqliteDriver, SqliteQueryCompiler, type DatabaseConnection, type Driver, type LimitNode, type OffsetNode, type QueryCompiler, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite dialect, but transactions start with BEGIN IMMEDIATE: they take SQLite's write lock when
 * they begin (waiting up to busy_timeout for another process to finish) instead of at their first write. A
 * deferred transaction that has read and then wants to write while another process writes cannot wait
 * (SQLITE_BUSY at once, whatever busy_timeout says), which made nodes sharing one file fail at random.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: SqliteDialectConfig) {
    super(sqliteConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }

  override createQueryCompiler(): QueryCompiler {
    return new PlannedLimitCompiler();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
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
