import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import { asStoreError } from './store-errors.js';

/**
 * What any failure while serving a request answers: an ApiError as it is, a store failure as 503 or 429
 * (logged as a warning), anything else as 500 InternalError (a bug: logged as an error with its stack).
 */
export function toApiError(err: unknown, log: Logger, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  const storeError = asStoreError(err);
  if (storeError) {
    log.warn({ RequestId: requestId, err: (err as Error).message, code: (err as { code?: string }).code }, storeError.code === 'ServiceUnavailable' ? 'store unavailable' : 'lost a race in the store');
    return storeError;
  }
  log.error({ RequestId: requestId, err }, 'internal error');
  return new ApiError('InternalError');
}
