import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './percent-encode.js';
import { constantTimeEqual } from './signature-v1.js';
import type { ParamMap } from './params.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Headers every V3 request must sign. */
export const REQUIRED_SIGNED_HEADERS = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/;

/** Parses the Authorization header; undefined when it is not a well-formed ACS3-HMAC-SHA256 value. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const m = AUTHORIZATION.exec(header.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1]!, signedHeaders: m[2]!.split(';').filter((h) => h.length > 0), signature: m[3]! };
}

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export interface V3Request {
  method: string;
  /** Decoded query parameters only (V3 covers the body through its hash). */
  query: ParamMap;
  /** Lower-cased header names; a repeated header joined with ", " as Node does. */
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  hashedPayload: string;
}

export function canonicalRequestV3(req: V3Request): string {
  const names = [...req.query.keys()].sort();
  const query = names.map((name) => percentEncode(name) + '=' + percentEncode(req.query.get(name)!)).join('&');
  let headers = '';
  for (const name of req.signedHeaders) headers += name + ':' + (headerValue(req.headers, name) ?? '').trim() + '\n';
  return [req.method.toUpperCase(), '/', query, headers, req.signedHeaders.join(';'), req.hashedPayload].join('\n');
}

export function stringToSignV3(req: V3Request): string {
  return V3_ALGORITHM + '\n' + sha256Hex(canonicalRequestV3(req));
}

export function signV3(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

export function verifySignatureV3(req: V3Request, signature: string, secret: string): boolean {
  return constantTimeEqual(signature, signV3(secret, stringToSignV3(req)));
}

/**
 * A request header by lower-case name, a repeated one joined with ", " as Node does. Only the request's own
 * headers count: a signed "header" named `constructor` or `__proto__` is absent, not an Object property.
 */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}
