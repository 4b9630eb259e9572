import { StoreError, StoreUnavailableError } from '../../errors/store-error.js';

/** SQLite's result codes (primary) for a file that cannot be written now: busy past busy_timeout, full, unreadable. */
const UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_IOERR']);
/** Names of the primary result codes node:sqlite reports as numbers (`errcode`): those above, and constraint violations. */
const PRIMARY_NAMES: Record<number, string> = { 5: 'SQLITE_BUSY', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 19: 'SQLITE_CONSTRAINT' };
/** better-sqlite3's and node:sqlite's messages for a database already closed; Kysely's for a destroyed driver. */
const CLOSED = /database connection is not open|database is not open|driver has already been destroyed/i;

/**
 * SQLite's errors that are no bug: another process holding the file past busy_timeout, a full or failing
 * disk, a store being closed. All are the server's temporary trouble (503). Anything else (a constraint
 * violation among them) is left as it is.
 */
export function classifySqliteError(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const message = String((err as Error)?.message ?? '');
  const code = sqliteResultCode(err);
  if (code !== undefined && UNAVAILABLE.has(code)) return new StoreUnavailableError(`SQLite: ${message}`, { cause: err });
  if (CLOSED.test(message)) return new StoreUnavailableError(`SQLite: ${message}`, { cause: err });
  return err;
}

/**
 * The primary result code of an SQLite error, by name (SQLITE_BUSY, SQLITE_CONSTRAINT...), whichever library
 * raised it: better-sqlite3 names the extended code (`code: 'SQLITE_IOERR_WRITE'`); node:sqlite gives it as a
 * number (`errcode: 778`, whose low byte is the primary code) with `code: 'ERR_SQLITE_ERROR'`.
 */
export function sqliteResultCode(err: unknown): string | undefined {
  const { code, errcode } = (err ?? {}) as { code?: unknown; errcode?: unknown };
  if (typeof errcode === 'number') return PRIMARY_NAMES[errcode & 0xff] ?? `SQLITE_${errcode & 0xff}`;
  if (typeof code === 'string') return /^SQLITE_[A-Z]+/.exec(code)?.[0];
  return undefined;
}
