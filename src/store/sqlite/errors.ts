import { StoreError, StoreUnavailableError } from '../../errors/store-error.js';

/** better-sqlite3's codes for a file that cannot be written now: busy past busy_timeout, full, unreadable. */
const UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);
const CLOSED = /database connection is not open|driver has already been destroyed/i;

/**
 * SQLite's errors that are no bug: another process holding the file past busy_timeout, a full or failing
 * disk, a store being closed. All are the server's temporary trouble (503). Anything else is left as it is.
 */
export function classifySqliteError(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown })?.code;
  const message = String((err as Error)?.message ?? '');
  if (typeof code === 'string' && (UNAVAILABLE.has(code) || code.startsWith('SQLITE_IOERR'))) return new StoreUnavailableError(`SQLite: ${message}`, { cause: err });
  if (CLOSED.test(message)) return new StoreUnavailableError(`SQLite: ${message}`, { cause: err });
  return err;
}
