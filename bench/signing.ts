/**
 * V3 (ACS3-HMAC-SHA256) signing as the official SDK does it for an RPC call: POST to `/` with the business
 * parameters in the query, an empty body, and every x-acs-* header, host and content-type signed. Written
 * from openapi-protocol.md, not with src/protocol, so the benchmark does the client's full work.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

export interface Credentials {
  accessKeyId: string;
  secret: string;
}

export interface SignedRequest {
  method: 'POST';
  /** `/?<canonical query>` */
  path: string;
  headers: Record<string, string>;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 encoding as the SDK does it: `encodeURIComponent` plus `!'()*`. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** One signed request with a fresh nonce and the current time. */
export function signV3(creds: Credentials, host: string, action: string, params: Record<string, string>, version = '2022-04-19'): SignedRequest {
  const query = Object.keys(params)
    .sort()
    .map((k) => percentEncode(k) + '=' + percentEncode(params[k]!))
    .join('&');
  const headers: Record<string, string> = {
    host,
    'x-acs-action': action,
    'x-acs-content-sha256': EMPTY_SHA256,
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-version': version,
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => n + ':' + headers[n]!.trim() + '\n').join('');
  const signedHeaders = names.join(';');
  const canonical = ['POST', '/', query, canonicalHeaders, signedHeaders, EMPTY_SHA256].join('\n');
  const stringToSign = 'ACS3-HMAC-SHA256\n' + createHash('sha256').update(canonical).digest('hex');
  const signature = createHmac('sha256', creds.secret).update(stringToSign).digest('hex');
  return {
    method: 'POST',
    path: query ? '/?' + query : '/',
    headers: {
      ...headers,
      accept: 'application/json',
      'user-agent': 'rdcontacts-bench',
      authorization: `ACS3-HMAC-SHA256 Credential=${creds.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
  };
}

/** Sends one signed call and returns the status and parsed JSON body (setup and growth measurements). */
export async function call(baseUrl: string, creds: Credentials, action: string, params: Record<string, string> = {}, version?: string): Promise<{ status: number; body: any }> {
  const url = new URL(baseUrl);
  const req = signV3(creds, url.host, action, params, version);
  const { host: _host, ...headers } = req.headers;
  const res = await fetch(baseUrl + req.path, { method: 'POST', headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Like `call`, but throws unless the answer is a 200. */
export async function callOk(baseUrl: string, creds: Credentials, action: string, params: Record<string, string> = {}, version?: string): Promise<any> {
  const { status, body } = await call(baseUrl, creds, action, params, version);
  if (status !== 200) throw new Error(`${action} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}
