import { ApiError } from './errors.js';

const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', 'SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);

/** A failure of the store (database down, disk full) is the server's temporary trouble: 503, never 500. */
export function asStoreUnavailable(err: unknown): ApiError | undefined {
  const code = (err as { code?: unknown })?.code;
  const message = String((err as Error)?.message ?? '');
  if ((typeof code === 'string' && (UNAVAILABLE.has(code) || code.startsWith('SQLITE_IOERR'))) || /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect|database connection is not open|pool is (ending|closed)/i.test(message)) {
    return new ApiError('ServiceUnavailable');
  }
  return undefined;
}
