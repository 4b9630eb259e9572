/**
 * Requests built by hand with node:http, for what no official Node client sends: a V1 form-body POST as
 * Terraform sends it (every parameter, Signature included, in an application/x-www-form-urlencoded body),
 * a chosen timestamp or nonce, a replay. The V1 signature is computed here from openapi-protocol.md
 * section 6, with our percent-encoding but not with src/protocol/signature-v1.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { percentEncode } from '../../src/protocol/percent-encode.js';
import type { ApiParams, Call, Credentials } from './clients.js';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** Sends one request and reads the whole answer. */
export function httpRequest(url: string, req: RawRequest, agent: http.Agent | false = keepAlive): Promise<HttpAnswer> {
  const { hostname, port } = new URL(url);
  const headers = { ...req.headers };
  // A body is always framed: node:http would send a GET body without Content-Length or chunking.
  if (req.body !== undefined && headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
    headers['content-length'] = String(Buffer.byteLength(req.body));
  }
  return new Promise((resolve, reject) => {
    const out = http.request({ host: hostname, port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

export function utcTimestamp(at = Date.now()): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** base64 HMAC-SHA1 over METHOD&%2F&enc(sorted, encoded parameters), key `secret&`. */
export function signV1ByHand(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((name) => percentEncode(name) + '=' + percentEncode(params[name]!))
    .join('&');
  return createHmac('sha1', secret + '&')
    .update(method + '&' + percentEncode('/') + '&' + percentEncode(canonical))
    .digest('base64');
}

export interface V1Options {
  timestamp?: string;
  nonce?: string;
  method?: 'GET' | 'POST';
}

/** Every V1 parameter of a call, Signature last, ready to encode. */
export function signedV1Params(creds: Credentials, action: string, business: Record<string, string>, options: V1Options = {}): Record<string, string> {
  const params: Record<string, string> = {
    Action: action,
    Version: '2022-04-19',
    Format: 'JSON',
    AccessKeyId: creds.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: options.nonce ?? randomBytes(16).toString('hex'),
    Timestamp: options.timestamp ?? utcTimestamp(),
    RegionId: 'cn-hangzhou',
    ...(creds.securityToken ? { SecurityToken: creds.securityToken } : {}),
    ...business,
  };
  params.Signature = signV1ByHand(options.method ?? 'POST', params, creds.accessKeySecret);
  return params;
}

export function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => percentEncode(name) + '=' + percentEncode(value))
    .join('&');
}

/** The Terraform-style request: POST / with every parameter, Signature included, in a form body. */
export function v1FormPost(creds: Credentials, action: string, business: Record<string, string> = {}, options: V1Options = {}): RawRequest {
  return {
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formEncode(signedV1Params(creds, action, business, { ...options, method: 'POST' })),
  };
}

/** The error a hand-made client throws: the answer's Code and HTTP status, and the body. */
export class HandClientError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    readonly data: any,
  ) {
    super(`${code}: ${statusCode}`);
  }
}

/** A client in the shape of test/support/clients.ts that sends Terraform-style V1 form-body POSTs. */
export function formPostClient(url: string, creds: Credentials): Call {
  return async (action: string, params: ApiParams = {}) => {
    const business: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) value.forEach((item, i) => (business[`${name}.${i + 1}`] = String(item)));
      else business[name] = String(value);
    }
    const answer = await httpRequest(url, v1FormPost(creds, action, business));
    if (answer.json === undefined) throw new Error(`not JSON (${answer.status}): ${answer.text}`);
    if (answer.status >= 400) throw new HandClientError(answer.json.Code, answer.status, answer.json);
    return answer.json;
  };
}
