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
const oneShotHash = (crypto as { hash?: (algorithm: string, data: Buffer | string, encoding: 'hex' | 'latin1') => string }).hash;

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
  const hash = V3_ALGORITHMS[algorithm];
  if (!oneShotHash || stringToSign.length > MESSAGE_CAPACITY / 3) return createHmac(hash, secret).update(stringToSign).digest('hex');
  return keyedPads(hash, secret).hmacHex(oneShotHash, stringToSign);
}

/** Characters of UTF-8 a kept pad's buffer takes at most (a string to sign is ~81). */
const MESSAGE_CAPACITY = 1024;
/** Secrets whose pads are kept; past this many, the kept ones are dropped and made again as used. */
const KEPT_SECRETS = 1000;
const BLOCK = 64;

/**
 * HMAC (RFC 2104) made of two one-shot hashes over the key's inner and outer pads, kept per secret:
 * createHmac builds a keyed context on every call (~5 µs in a loop, ~11 µs of a GetMessageContact under
 * load: docs/performance.md, eighth round), this ~2 µs. SHA-256 and SM3 both hash 64-byte blocks and make
 * 32-byte digests. The buffers are written and hashed synchronously, so one per secret serves every call.
 */
class KeyedPads {
  private readonly inner = Buffer.alloc(BLOCK + MESSAGE_CAPACITY);
  private readonly outer = Buffer.alloc(BLOCK + 32);

  constructor(
    private readonly hash: string,
    secret: string,
  ) {
    let key = Buffer.from(secret, 'utf8');
    if (key.length > BLOCK) key = createHash(hash).update(key).digest();
    for (let i = 0; i < BLOCK; i++) {
      const byte = key[i] ?? 0;
      this.inner[i] = byte ^ 0x36;
      this.outer[i] = byte ^ 0x5c;
    }
  }

  hmacHex(oneShot: NonNullable<typeof oneShotHash>, message: string): string {
    const length = this.inner.write(message, BLOCK, 'utf8');
    // The inner digest as latin1 text: one character per byte, written back as the same bytes.
    this.outer.write(oneShot(this.hash, this.inner.subarray(0, BLOCK + length), 'latin1'), BLOCK, 'latin1');
    return oneShot(this.hash, this.outer, 'hex');
  }
}

const keptPads = new Map<string, KeyedPads>();

function keyedPads(hash: string, secret: string): KeyedPads {
  const name = hash + '\n' + secret;
  let pads = keptPads.get(name);
  if (!pads) {
    if (keptPads.size >= KEPT_SECRETS) keptPads.clear();
    keptPads.set(name, (pads = new KeyedPads(hash, secret)));
  }
  return pads;
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
