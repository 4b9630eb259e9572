/**
 * Property: whatever arrives (random parameters, duplicate names, odd list indexes, garbage percent-encoding,
 * non-UTF-8 bytes, random headers and content types, oversized bodies, random methods and paths), signed with
 * a valid key or not, the answer is a JSON object with a RequestId (also in x-acs-request-id) and a 2xx or 4xx
 * status: never a 5xx, never a non-JSON body. Requests go through node:http directly.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { percentEncode } from '../../../src/protocol/percent-encode.js';
import { REQUIRED_SIGNED_HEADERS, sha256Hex, signV3, stringToSignV3 } from '../../../src/protocol/signature-v3.js';
import { httpRequest, signV1ByHand, utcTimestamp, type HttpAnswer, type RawRequest } from '../../support/hand-signed.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const BODY_LIMIT = 4096;
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const ERROR_CODE = /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)*$/;

type Pair = [string, string];

const NAMES = [
  'Action', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp',
  'Format', 'SecurityToken', 'BearerToken', 'SignatureType', 'EnableMode', 'DryRun', 'MAName', 'Members.1', 'Members.2',
  'Members.0', 'Members.-1', 'Members.01', 'Members.999999999', 'Members.99999999999999999999', 'Members.1e3',
  'Tag.1.Key', 'Tag.999999999.Value', 'Tag.1.__proto__', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'a b', '中文',
];
const VALUES = ['', 'true', 'false', 'True', 'CurrentAccount', 'NewManagementAccount', '2022-04-19', 'HMAC-SHA1', '1.0', '-1', '99999999999999999999', '1e400', '__proto__'];
/** Pieces of broken percent-encoding and of raw bytes that are not UTF-8. */
const GARBAGE = ['%', '%Z', '%zz', '%FF', '%C3%28', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%00', '%25', '+', '&', '=', '&&', '==', '\u00ff', '\u0080', '\u00e9'];

const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 }));
const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ minLength: 500, maxLength: 3000, unit: 'grapheme-ascii' }),
);
const pairs = fc.array(fc.tuple(name, value), { maxLength: 12 });
const garbage = fc.array(fc.oneof(fc.constantFrom(...GARBAGE), fc.string({ maxLength: 6, unit: 'grapheme-ascii' })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

/** Only what node:http lets through in a request target: printable latin1, the rest percent-encoded. */
function urlSafe(s: string): string {
  return s.replace(/[^\u0021-\u00ff]/gu, (c) => percentEncode(c));
}

/** Parameters on the wire: properly encoded (strictly or as Node's querystring does), or garbage. */
const encodedPairs = fc.oneof(
  pairs.map((ps) => ps.map(([n, v]) => percentEncode(n) + '=' + percentEncode(v)).join('&')),
  pairs.map((ps) => ps.map(([n, v]) => encodeURIComponent(n) + '=' + encodeURIComponent(v)).join('&')),
  fc.array(fc.tuple(garbage, fc.option(garbage)), { maxLength: 6 }).map((ps) => ps.map(([n, v]) => (v === null ? n : n + '=' + v)).join('&')),
);

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const PATHS = ['/', '/', '/', '/healthz', '/readyz', '/x', '//', '/%zz', '/%FF', '/..', '/a%2Fb', '/' + 'a'.repeat(3000)];
const CONTENT_TYPES = [
  undefined, 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=latin1', 'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json', 'text/plain', 'text/xml;charset=utf-8', 'multipart/form-data; boundary=x', ';;;', 'a/b/c', '*/*',
];

const body = fc.oneof(
  fc.constant(undefined),
  encodedPairs,
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 5 }).map((n) => Buffer.alloc(n, 'a=b&')),
);

const headerValue = fc.string({ maxLength: 60, unit: fc.constantFrom(...'abcXYZ019 -_.:;,=/+*%()\'"~!@#$&'.split(''), '\u00e9') });
const HEADER_NAMES = ['authorization', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-security-token', 'x-acs-bearer-token', 'x-acs-accesskey-id', 'x-acs-x', 'accept', 'content-encoding', 'expect-ct'];
const randomHeaders = fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.oneof(headerValue, fc.constantFrom('ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00', 'ACS3-HMAC-SHA256 ', 'Bearer x')), { maxKeys: 5 });

/** Any request at all, unsigned. */
const unsignedRequest = fc.record({
  method: fc.constantFrom(...METHODS),
  path: fc.constantFrom(...PATHS),
  query: fc.option(encodedPairs),
  contentType: fc.constantFrom(...CONTENT_TYPES),
  headers: randomHeaders,
  body,
});

/** A V1 request with a valid signature over random parameters, in the query, the body or both. */
const signedV1Request = fc.record({
  method: fc.constantFrom('GET', 'POST'),
  action: fc.oneof(fc.constantFrom('GetResourceDirectory', 'EnableResourceDirectory', 'AddMessageContact'), fc.string({ maxLength: 20 })),
  extra: pairs,
  inBody: fc.constantFrom('none', 'some', 'all'),
});

/** A V3 request with a valid signature, random query, random extra signed headers and a random body. */
const signedV3Request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT'),
  action: fc.oneof(fc.constantFrom('GetResourceDirectory', 'EnableResourceDirectory'), fc.string({ maxLength: 20 })),
  query: pairs,
  extraSigned: fc.subarray(['constructor', '__proto__', 'tostring', 'x-acs-extra', 'content-type', 'user-agent', 'x-acs-missing']),
  body: fc.option(fc.oneof(encodedPairs, fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)))),
});

function checkAnswer(answer: HttpAnswer, sent: string): void {
  const where = `${sent} -> ${answer.status} ${answer.text.slice(0, 300)}`;
  assert.ok((answer.status >= 200 && answer.status < 300) || (answer.status >= 400 && answer.status < 500), `2xx or 4xx: ${where}`);
  assert.match(String(answer.headers['content-type']), /^application\/json/, where);
  assert.ok(answer.json !== null && typeof answer.json === 'object' && !Array.isArray(answer.json), `a JSON object: ${where}`);
  assert.match(answer.json.RequestId, REQUEST_ID, where);
  assert.equal(answer.headers['x-acs-request-id'], answer.json.RequestId, where);
  if (answer.status >= 400) {
    assert.match(answer.json.Code, ERROR_CODE, where);
    assert.equal(typeof answer.json.Message, 'string', where);
    assert.equal(typeof answer.json.HostId, 'string', where);
    assert.equal(typeof answer.json.Recommend, 'string', where);
  } else {
    assert.equal('Code' in answer.json, false, where);
  }
}

function describeRequest(req: RawRequest): string {
  const size = req.body === undefined ? 0 : Buffer.byteLength(req.body);
  return `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers ?? {}).slice(0, 300)} body ${size} bytes`;
}

describe('fuzz: every answer is a JSON object with a RequestId and a 2xx or 4xx status', () => {
  let server: TestServer;
  let host: string;

  before(async () => {
    server = await startTestServer({ RDC_BODY_LIMIT: String(BODY_LIMIT) });
    host = server.url.replace('http://', '');
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(() => server.stop());

  async function send(req: RawRequest): Promise<void> {
    checkAnswer(await httpRequest(server.url, req), describeRequest(req));
  }

  it('unsigned requests of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(unsignedRequest, async (r) => {
        const headers: Record<string, string> = { ...r.headers };
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        const path = urlSafe(r.path + (r.query === null ? '' : '?' + r.query));
        await send({ method: r.method, path, headers, body: r.body });
      }),
      { numRuns: 1500 },
    );
  });

  it('V1 requests signed with a valid key, random parameters in the query and the body', async () => {
    await fc.assert(
      fc.asyncProperty(signedV1Request, async (r) => {
        const params: Record<string, string> = Object.fromEntries(r.extra.filter(([n]) => n !== 'Signature'));
        Object.assign(params, {
          Action: r.action,
          Version: '2022-04-19',
          Format: 'JSON',
          AccessKeyId: server.creds.accessKeyId,
          SignatureMethod: 'HMAC-SHA1',
          SignatureVersion: '1.0',
          SignatureNonce: randomBytes(16).toString('hex'),
          Timestamp: utcTimestamp(),
        });
        params.Signature = signV1ByHand(r.method, params, server.creds.accessKeySecret);
        const entries = Object.entries(params).map(([n, v]) => percentEncode(n) + '=' + percentEncode(v));
        const split = r.inBody === 'none' ? entries.length : r.inBody === 'all' ? 0 : Math.floor(entries.length / 2);
        const query = entries.slice(0, split).join('&');
        const form = entries.slice(split).join('&');
        const headers: Record<string, string> = form ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
        await send({ method: r.method, path: '/?' + query, headers, body: form || undefined });
      }),
      { numRuns: 700 },
    );
  });

  it('V3 requests signed with a valid key, random query, signed headers and body', async () => {
    await fc.assert(
      fc.asyncProperty(signedV3Request, async (r) => {
        const query = new Map(r.query);
        const rawBody = r.body === null ? Buffer.alloc(0) : Buffer.from(r.body);
        const headers: Record<string, string> = {
          host,
          'x-acs-action': r.action,
          'x-acs-version': '2022-04-19',
          'x-acs-date': utcTimestamp(),
          'x-acs-signature-nonce': randomBytes(16).toString('hex'),
          'x-acs-content-sha256': sha256Hex(rawBody),
        };
        // Extra signed names are sent (with a value) when they are real header names; the others stay absent.
        for (const h of r.extraSigned) if (h === 'x-acs-extra' || h === 'content-type' || h === 'user-agent') headers[h] = h === 'content-type' ? 'application/x-www-form-urlencoded' : 'v';
        const signedHeaders = [...new Set([...REQUIRED_SIGNED_HEADERS, ...r.extraSigned])].sort();
        const signature = signV3(server.creds.accessKeySecret, stringToSignV3({ method: r.method, query, headers, signedHeaders, hashedPayload: headers['x-acs-content-sha256']! }));
        headers.authorization = `ACS3-HMAC-SHA256 Credential=${server.creds.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
        const search = [...query].map(([n, v]) => encodeURIComponent(n) + '=' + encodeURIComponent(v)).join('&');
        await send({ method: r.method, path: '/?' + search, headers, body: rawBody.length > 0 ? rawBody : undefined });
      }),
      { numRuns: 700 },
    );
  });

  it('raw bytes on a socket: malformed request lines and headers answer JSON 400', async () => {
    const port = server.port;
    const line = fc.oneof(
      fc.string({ maxLength: 80, unit: 'grapheme-ascii' }),
      fc.tuple(fc.constantFrom('GET', 'POST', 'G\u00e9T', ''), garbage, fc.constantFrom('HTTP/1.1', 'HTTP/9.9', 'HTTP/1.1 x', '')).map((p) => p.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(line, fc.array(fc.string({ maxLength: 30, unit: 'grapheme-ascii' }), { maxLength: 3 }), async (requestLine, headerLines) => {
        // One request: an empty header line would end its head early and make the rest a second request.
        const head = [requestLine, ...headerLines.filter((h) => h !== ''), 'Connection: close'].join('\r\n');
        const raw = await rawExchange(port, Buffer.from(`${head}\r\n\r\n`, 'latin1'));
        if (raw.length === 0) return; // the server may close a connection that never formed a request
        const text = raw.toString('latin1');
        const m = /^HTTP\/1\.1 (\d{3}) [^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
        assert.ok(m, `an HTTP answer: ${JSON.stringify(text.slice(0, 200))} to ${JSON.stringify(requestLine)}`);
        const status = Number(m[1]);
        const headers = Object.fromEntries(m[2]!.split('\r\n').map((h) => [h.slice(0, h.indexOf(':')).toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]));
        const bodyText = Buffer.from(headers['transfer-encoding'] === 'chunked' ? dechunk(m[3]!) : m[3]!, 'latin1').toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(bodyText);
        } catch {
          json = undefined;
        }
        checkAnswer({ status, headers, text: bodyText, json }, JSON.stringify(requestLine));
      }),
      { numRuns: 300 },
    );
  });
});

/** Writes the bytes, half-closes, and reads everything the server answers until it closes. */
function rawExchange(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks)) : reject(err)));
    socket.end(bytes);
  });
}

function dechunk(s: string): string {
  let out = '';
  let rest = s;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
}
