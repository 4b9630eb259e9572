import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import { StoreBusyError, StoreError } from '../errors/store-error.js';

/**
 * What any failure while serving a request answers: an ApiError as it is, a store failure as 503 or 429
 * (logged as a warning), anything else as 500 InternalError (a bug: logged as an error with its stack).
 */
export function toApiError(err: unknown, log: Logger, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreError) {
    const busy = err instanceof StoreBusyError;
    log.warn({ RequestId: requestId, err: err.message, code: (err.cause as { code?: string })?.code }, busy ? 'lost a race in the store' : 'store unavailable');
    return new ApiError(busy ? 'ConcurrentCallNotSupported' : 'ServiceUnavailable');
  }
  log.error({ RequestId: requestId, err }, 'internal error');
  return new ApiError('InternalError');
}
