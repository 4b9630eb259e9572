import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors/api-error.js';

export const DEFAULT_HOST_ID = 'resourcedirectory.aliyuncs.com';
export const JSON_TYPE = 'application/json;charset=utf-8';

/** What the access log line says about a request beyond its status: filled in while it is served. */
export interface AccessNote {
  action?: string;
  accessKeyId?: string;
  version?: string;
  /** The operation's parameters the request carried: noted only when answers are recorded (RDC_ANSWER_RECORD). */
  params?: string[];
  code?: string;
}

/** An answer of the API, free of HTTP machinery: the adapter writes it as it is. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For the access log. */
  access: AccessNote;
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** The HostId of an error body: the host the client addressed, without its port. */
export function hostIdOf(headers: IncomingHttpHeaders): string {
  return headers.host?.split(':')[0] || DEFAULT_HOST_ID;
}

/** The error body every client reads: `{RequestId, HostId, Code, Message, Recommend}` plus any extra fields. */
export function errorBody(err: ApiError, requestId: string, hostId: string): Record<string, unknown> {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=ResourceDirectoryMaster&requestId=${requestId}`,
    ...err.extra,
  };
}

/** A success body: `RequestId` first, then the operation's fields. Never a `Code`. */
function successBody(requestId: string, body: Record<string, unknown>): string {
  // The body's JSON with RequestId put first, as `{ RequestId, ...body }` would give, without copying the
  // body into an object of a new shape for every answer (the spread was most of this function's cost). The
  // fields are names, never integers, which an object (and so the spread) would put before RequestId.
  if (Object.hasOwn(body, 'RequestId')) return JSON.stringify({ RequestId: requestId, ...body });
  const rest = JSON.stringify(body);
  return '{"RequestId":' + JSON.stringify(requestId) + (rest === '{}' ? '}' : ',' + rest.slice(1));
}

/** A 200 answer with the operation's fields. */
export function successResponse(requestId: string, body: Record<string, unknown>, access: AccessNote): ApiResponse {
  return { status: 200, headers: { 'content-type': JSON_TYPE, 'x-acs-request-id': requestId }, body: successBody(requestId, body), access };
}

/** An error answer: its status, its extra headers (e.g. Retry-After) and the error body. */
export function errorResponse(err: ApiError, requestId: string, hostId: string, access: AccessNote = {}): ApiResponse {
  return {
    status: err.status,
    headers: { ...err.headers, 'content-type': JSON_TYPE, 'x-acs-request-id': requestId },
    body: JSON.stringify(errorBody(err, requestId, hostId)),
    access: { ...access, code: err.code },
  };
}

/** What the client chose (an action, a version) is logged up to this many characters: a key holder cannot write huge lines. */
const LOGGED_LENGTH = 128;

export function clip(value: string): string {
  return value.length > LOGGED_LENGTH ? value.slice(0, LOGGED_LENGTH) + '…' : value;
}
