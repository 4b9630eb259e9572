import { codes, type ErrorCode } from './codes.js';

/** Any code the server may answer: a catalog code, or a derived MissingParameter.X / InvalidParameter.X. */
export type AnyErrorCode = ErrorCode | `MissingParameter.${string}` | `InvalidParameter.${string}`;

/**
 * The one error type. Layers below the protocol throw it; only the protocol layer renders it.
 * `extra` fields (such as AccessDeniedDetail) are added to the error body as they are.
 */
export class ApiError extends Error {
  readonly code: AnyErrorCode;
  readonly status: number;
  readonly extra: Record<string, unknown> | undefined;
  /** Response headers to add (e.g. x-acs-retry-after on throttling). */
  readonly headers: Record<string, string> | undefined;

  constructor(code: AnyErrorCode, opts: { message?: string; extra?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    const [status, message] = lookup(code);
    super(opts.message ?? message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.extra = opts.extra;
    this.headers = opts.headers;
  }
}

function lookup(code: AnyErrorCode): readonly [number, string] {
  const known = (codes as Record<string, readonly [number, string]>)[code];
  if (known) return known;
  const missing = /^MissingParameter\.(.+)$/.exec(code);
  if (missing) return [400, `You must specify ${missing[1]}.`];
  const invalid = /^InvalidParameter\.(.+)$/.exec(code);
  if (invalid) return [400, `The ${invalid[1]} is invalid.`];
  return codes.InternalError;
}

export function isKnownCode(code: string): boolean {
  return code in codes;
}
