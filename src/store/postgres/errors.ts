import { StoreBusyError, StoreError, StoreUnavailableError } from '../../errors/store-error.js';

/** Serialization failure, deadlock, lock not available (lock_timeout or NOWAIT): the transaction lost a race. */
const BUSY = new Set(['40001', '40P01', '55P03']);
/** Node's socket errors when the server cannot be reached. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
/** pg's and pg-pool's messages for a connection lost or a pool that is closing. */
const LOST_CONNECTION =
  /Connection terminated|connection is closed|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|pool is (ending|closed)|Cannot use a pool after calling end|driver has already been destroyed/i;

/**
 * PostgreSQL's errors that are no bug. A lost race (above) is a concurrent call (429); the database down,
 * restarting, out of connections or of disk is the server's temporary trouble (503): classes 08 (connection
 * exception), 53 (insufficient resources), 57P01-57P04 (shutting down, starting), unreachable sockets and a
 * lost connection. Anything else is left as it is.
 */
export function classifyPostgresError(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const message = String((err as Error)?.message ?? '');
  if (isBusy(err)) return new StoreBusyError(`PostgreSQL: ${message}`, { cause: err });
  if (isUnavailable(err)) return new StoreUnavailableError(`PostgreSQL: ${message || 'unreachable'}`, { cause: err });
  return err;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && BUSY.has(code);
}

function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNREACHABLE.has(code) || /^(08|53)[0-9A-Z]{3}$|^57P0[1-4]$/.test(code))) return true;
  // A refused connection to a name with several addresses (localhost: IPv4 and IPv6) is an AggregateError.
  const inner = (err as { errors?: unknown[] })?.errors;
  if (Array.isArray(inner) && inner.length > 0 && inner.every(isUnavailable)) return true;
  return LOST_CONNECTION.test(String((err as Error)?.message ?? ''));
}
