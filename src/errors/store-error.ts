/**
 * A failure of the store that is no bug, as the store that met it classified it (store/sqlite/errors.ts,
 * store/postgres/errors.ts): the server answers it with a retryable error, never a 500.
 */
export abstract class StoreError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** The transaction lost a race with another one (a lock it may not wait for, a deadlock): a concurrent call. */
export class StoreBusyError extends StoreError {
  override readonly name = 'StoreBusyError';
}

/** The database is down, restarting, out of connections or of disk: the server's temporary trouble. */
export class StoreUnavailableError extends StoreError {
  override readonly name = 'StoreUnavailableError';
}
