import { ApiError } from '../errors/api-error.js';

const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);
const LOST_CONNECTION =
  /Connection terminated|connection is closed|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|database connection is not open|pool is (ending|closed)|Cannot use a pool after calling end|driver has already been destroyed/i;
/** PostgreSQL: serialization failure, deadlock, lock not available (lock_timeout or NOWAIT). */
const CONFLICT = new Set(['40001', '40P01', '55P03']);

/**
 * What a failure of the store means for the caller, never a 500: the database down, restarting, out of
 * connections or of disk is the server's temporary trouble (503 ServiceUnavailable); a transaction that lost
 * a race with another one (a lock it may not wait for, a deadlock) is a concurrent call (429). Undefined for
 * anything else (a bug).
 */
export function asStoreError(err: unknown): ApiError | undefined {
  const code = (err as { code?: unknown })?.code;
  const message = String((err as Error)?.message ?? '');
  if (typeof code === 'string') {
    if (CONFLICT.has(code)) return new ApiError('ConcurrentCallNotSupported');
    // PostgreSQL classes 08 (connection exception), 53 (insufficient resources), 57P0x (shutting down, starting).
    if (UNAVAILABLE.has(code) || code.startsWith('SQLITE_IOERR') || /^(08|53)[0-9A-Z]{3}$|^57P0[1-4]$/.test(code)) return new ApiError('ServiceUnavailable');
  }
  // A refused connection to a name with several addresses is an AggregateError carrying the codes.
  const inner = (err as { errors?: unknown[] })?.errors;
  if (Array.isArray(inner) && inner.length > 0 && inner.every((e) => asStoreError(e)?.code === 'ServiceUnavailable')) return new ApiError('ServiceUnavailable');
  if (LOST_CONNECTION.test(message)) return new ApiError('ServiceUnavailable');
  return undefined;
}
