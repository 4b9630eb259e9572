import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import type { StoreTraits } from '../traits.js';
import { KyselyStore } from '../kysely-store.js';
import { Repositories } from '../repositories/index.js';
import { migrate } from '../migrations/index.js';
import { classifyingErrors } from '../classified-driver.js';
import { withoutFlush } from './durability.js';
import { withStatementCache } from './statements.js';
import { directReads } from './direct-reads.js';
import { ReadMemo, forgettingOnWrite } from './read-memo.js';
import { auditAppend } from './audit-append.js';
import { walSync } from './wal-sync.js';
import { allowDirectReads } from '../repositories/compiled.js';
import { GroupCommit } from './group-commit.js';
import { ImmediateSqliteDialect } from './dialect.js';
import { BufferedNonceRegistry } from './nonces.js';
import { classifySqliteError } from './errors.js';
import { openSqliteDatabase, sqliteLibrary, sqliteModulePath, type SqliteConnection, type SqliteLibrary } from './library.js';
import { Checkpointer } from './checkpointer.js';
import type { StoreTimings } from '../../metrics/metrics.js';
import type { AuditEventEntry } from '../records.js';

export const SQLITE_FILE = 'rdcontacts.sqlite';

/** One writer at a time: nothing to skip, and SQLite's planner needs no settings. */
const SQLITE: StoreTraits = { skipLocked: false, transactionPlannerSettings: false, jsonArrayAggregate: 'json_group_array', lockWaitsHoldConnections: false, arrayParameters: false };

/**
 * Opens (creating if needed) the embedded store: one SQLite file in WAL mode whose commits are flushed to
 * disk before they are acknowledged (synchronous=FULL, or the group commit's flush off the event loop:
 * group-commit.ts), so a write acknowledged to a client survives kill -9 or power loss.
 * `library` is the runtime's choice (library.ts); tests name one to compare both.
 */
export async function openSqliteStore(dataDir: string, hooks: SqliteStoreHooks = {}, library: SqliteLibrary = sqliteLibrary()): Promise<Store> {
  const { timings, onCheckpointerFailure } = hooks;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(resolve(dataDir), SQLITE_FILE);
  ownerOnly(file);
  const sqlite = openSqliteDatabase(file, library);
  applySettings(sqlite);
  sqlite.exec('pragma wal_autocheckpoint = 0');
  const checkpointer = new Checkpointer(file, library, sqliteModulePath(library), (err) => {
    sqlite.exec(`pragma wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    onCheckpointerFailure?.(err);
  });
  const statements = withStatementCache(sqlite);
  // Outside transactions, statements wait for commits not yet on disk (group-commit.ts).
  const waitBefore = () => (sqlite.inTransaction ? undefined : groupCommit.pendingFlush());
  // Kysely's statements forget the directory rows the direct reads keep (read-memo.ts).
  const memo = new ReadMemo();
  const db = new Kysely<Database>({ dialect: classifyingErrors(new ImmediateSqliteDialect({ database: forgettingOnWrite(statements, memo) }, waitBefore), classifySqliteError) });
  // Every commit also writes the nonces claimed so far: an acknowledged write's nonce survives a crash.
  const groupCommit = new GroupCommit(db, classifiedControl(sqlite), (conn) => nonces.writeIn(conn), durable, timings);
  // The nonce registry reads its table, so the schema must exist first; migrating also creates the WAL file.
  await migrate(db);
  const wal = walSync(file + '-wal');
  function durable(): Promise<void> {
    checkpointer.committed();
    return wal.sync();
  }
  const nonces = await BufferedNonceRegistry.open(db);
  allowDirectReads(db, directReads(statements, () => sqlite.inTransaction || groupCommit.pendingFlush() !== undefined, classifySqliteError, memo));
  return new SqliteStore(
    db,
    nonces,
    groupCommit,
    auditAppend(statements, sqlite, classifySqliteError),
    durable,
    async () => {
      await checkpointer.close();
      await db.destroy();
      // A flush that begins after every one still running: then none uses the file any more.
      await wal.sync().catch(() => undefined);
      wal.close();
    },
    timings,
  );
}

/** SQLite's own default for wal_autocheckpoint: what the store's connection does if the checkpointer fails. */
const AUTOCHECKPOINT_PAGES = 1000;

export interface SqliteStoreHooks {
  /** Told how long transactions and commits take (the server's metrics). */
  timings?: StoreTimings;
  /** Told when the checkpointer's worker failed: the store's connection checkpoints by itself from then on. */
  onCheckpointerFailure?: (err: Error) => void;
}

/**
 * The store's connection settings, the same statements on both libraries: busy_timeout replaces
 * better-sqlite3's own default (5 s) and node:sqlite's (none), so both wait alike for another process's lock.
 */
export function applySettings(sqlite: SqliteConnection): void {
  sqlite.exec('pragma journal_mode = WAL');
  sqlite.exec('pragma synchronous = FULL');
  sqlite.exec('pragma busy_timeout = 5000');
  sqlite.exec('pragma foreign_keys = ON');
}

/** The group commit's own statements (BEGIN, savepoints, COMMIT), failing as Kysely's do (classified-driver.ts). */
function classifiedControl(sqlite: SqliteConnection): { exec(sql: string): void; readonly inTransaction: boolean } {
  return {
    exec(text) {
      try {
        sqlite.exec(text);
      } catch (err) {
        throw classifySqliteError(err);
      }
    },
    get inTransaction() {
      return sqlite.inTransaction;
    },
  };
}

/**
 * Makes the database file (created empty if new) and its WAL files readable by the owner alone: SQLite
 * gives the -wal and -shm files it creates the mode of the database file.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, file + '-wal', file + '-shm']) if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * The SQLite store: transactions share commits (group-commit.ts), leases are written without their own
 * flush to disk (durability.ts says why both are safe), and the audit trail's batches are written at once
 * when they can be (audit-append.ts); commits are flushed to disk off the event loop (wal-sync.ts).
 */
class SqliteStore extends KyselyStore {
  constructor(
    db: Kysely<Database>,
    nonces: BufferedNonceRegistry,
    private readonly groupCommit: GroupCommit,
    private readonly appendAtOnce: (entries: readonly AuditEventEntry[]) => boolean,
    private readonly durable: () => Promise<void>,
    release: () => Promise<void>,
    timings: StoreTimings | undefined,
  ) {
    super(db, 'sqlite', SQLITE, nonces, release, timings);
  }

  override transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.timed(() => this.groupCommit.run((conn) => work(new Repositories(conn, SQLITE))));
  }

  override async appendAuditEvents(entries: readonly AuditEventEntry[]): Promise<void> {
    const started = performance.now();
    if (!this.appendAtOnce(entries)) return super.appendAuditEvents(entries);
    await this.durable();
    this.timings?.transaction((performance.now() - started) / 1000);
  }

  override ephemeral<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return withoutFlush(this.kysely, (conn) => work(new Repositories(conn, SQLITE)));
  }
}
