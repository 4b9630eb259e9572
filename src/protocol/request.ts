import type { IncomingHttpHeaders } from 'node:http';
import { decodeParams, type ParamMap } from './params.js';

/** One API request as the protocol layer sees it, before authentication. */
export interface ApiRequest {
  requestId: string;
  method: string;
  /** Decoded query parameters (V3 signs only these). */
  query: ParamMap;
  /** Query and form-body parameters merged; the query wins on a clash. */
  params: ParamMap;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  sourceIp: string;
  secureTransport: boolean;
}

/** What arrived on the wire: the request target exactly as sent, the headers and the body bytes. */
export interface ReceivedRequest {
  requestId: string;
  method: string;
  /** The request target, e.g. `/?Action=…`; never decoded before this point. */
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  sourceIp: string;
  secureTransport: boolean;
}

/**
 * Decodes the query and, when the body is form-encoded, the body parameters (V1 signs both; V3 hashes the
 * body bytes, which stay untouched in `rawBody`). Throws ApiError on bad percent-encoding or a repeated name.
 */
export function readApiRequest(received: ReceivedRequest): ApiRequest {
  const { url, rawBody } = received;
  const q = url.indexOf('?');
  const query = decodeParams(q < 0 ? '' : url.slice(q + 1));
  const contentType = received.headers['content-type'] ?? '';
  const params: ParamMap = new Map();
  if (rawBody.length > 0 && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    decodeParams(rawBody.toString('utf8'), params);
  }
  for (const [name, value] of query) params.set(name, value);
  return {
    requestId: received.requestId,
    method: received.method,
    query,
    params,
    rawBody,
    headers: received.headers,
    sourceIp: received.sourceIp,
    secureTransport: received.secureTransport,
  };
}
