import * as crypto from 'node:crypto';
import { createHash, createHmac, getHashes } from 'node:crypto';
import { percentEncode } from './percent-encode.js';
import { constantTimeEqual } from './signature-v1.js';
import type { ParamMap } from './params.js';

/** The V3 algorithms: the same canonical request, hashed and keyed with SHA-256 or with SM3 (GB/T 32905). */
export const V3_ALGORITHMS = { 'ACS3-HMAC-SHA256': 'sha256', 'ACS3-HMAC-SM3': 'sm3' } as const;
export type V3Algorithm = keyof typeof V3_ALGORITHMS;
export const V3_ALGORITHM: V3Algorithm = 'ACS3-HMAC-SHA256';
/** SM3 exists where Node's OpenSSL provides it (OpenSSL 1.1.1 and later, unless built without it). */
export const SM3_AVAILABLE = getHashes().includes('sm3');
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Headers every V3 request must sign. */
export const REQUIRED_SIGNED_HEADERS = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

export interface V3Authorization {
  algorithm: V3Algorithm;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^(ACS3-HMAC-SHA256|ACS3-HMAC-SM3) Credential=([^,]+),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/;

/** Parses the Authorization header; undefined when it is not a well-formed value of a V3 algorithm. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const m = AUTHORIZATION.exec(header.trim());
  if (!m) return undefined;
  return { algorithm: m[1] as V3Algorithm, accessKeyId: m[2]!, signedHeaders: m[3]!.split(';').filter((h) => h.length > 0), signature: m[4]! };
}

export function sha256Hex(body: Buffer | string): string {
  return hashHex(body, V3_ALGORITHM);
}

/** The lower-case hex digest of the algorithm's hash (SHA-256 or SM3): the payload and canonical request hash. */
export function hashHex(body: Buffer | string, algorithm: V3Algorithm): string {
  return oneShotHash ? oneShotHash(V3_ALGORITHMS[algorithm], body, 'hex') : createHash(V3_ALGORITHMS[algorithm]).update(body).digest('hex');
}

/**
 * crypto.hash (Node 20.12 and later; engines allows any 20): a digest without a Hash object, two hashes per
 * signed request, ~1–2 µs less each.
 */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: Buffer | string, encoding: 'hex') => string }).hash;

export interface V3Request {
  method: string;
  /** Decoded query parameters only (V3 covers the body through its hash). */
  query: ParamMap;
  /** Lower-cased header names; a repeated header joined with ", " as Node does. */
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  hashedPayload: string;
  /** Default ACS3-HMAC-SHA256. */
  algorithm?: V3Algorithm;
}

export function canonicalRequestV3(req: V3Request): string {
  const names = [...req.query.keys()].sort();
  const query = names.map((name) => percentEncode(name) + '=' + percentEncode(req.query.get(name)!)).join('&');
  let headers = '';
  for (const name of req.signedHeaders) headers += name + ':' + (headerValue(req.headers, name) ?? '').trim() + '\n';
  return [req.method.toUpperCase(), '/', query, headers, req.signedHeaders.join(';'), req.hashedPayload].join('\n');
}

export function stringToSignV3(req: V3Request): string {
  const algorithm = req.algorithm ?? V3_ALGORITHM;
  return algorithm + '\n' + hashHex(canonicalRequestV3(req), algorithm);
}

export function signV3(secret: string, stringToSign: string, algorithm: V3Algorithm = V3_ALGORITHM): string {
  return createHmac(V3_ALGORITHMS[algorithm], secret).update(stringToSign).digest('hex');
}

export function verifySignatureV3(req: V3Request, signature: string, secret: string): boolean {
  return constantTimeEqual(signature, signV3(secret, stringToSignV3(req), req.algorithm));
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
