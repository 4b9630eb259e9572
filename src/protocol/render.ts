import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';

export const DEFAULT_HOST_ID = 'resourcedirectory.aliyuncs.com';

export function newRequestId(): string {
  return randomUUID().toUpperCase();
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
export function successBody(requestId: string, body: Record<string, unknown>): string {
  return JSON.stringify({ RequestId: requestId, ...body });
}
