import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

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
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
