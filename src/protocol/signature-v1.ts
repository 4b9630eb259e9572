import { createHmac, timingSafeEqual } from 'node:crypto';
import { percentEncode } from './percent-encode.js';
import type { ParamMap } from './params.js';

/** The V1 string to sign: METHOD&%2F&enc(sorted, encoded parameters except Signature). */
export function stringToSignV1(method: string, params: ParamMap): string {
  const names = [...params.keys()].filter((name) => name !== 'Signature').sort();
  const canonical = names.map((name) => percentEncode(name) + '=' + percentEncode(params.get(name)!)).join('&');
  return method.toUpperCase() + '&%2F&' + percentEncode(canonical);
}

export function signV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret + '&').update(stringToSign).digest('base64');
}

/** True when `signature` (base64, as sent) is the V1 signature of the request under `secret`. */
export function verifySignatureV1(method: string, params: ParamMap, secret: string): boolean {
  const given = params.get('Signature') ?? '';
  return constantTimeEqual(given, signV1(secret, stringToSignV1(method, params)));
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
