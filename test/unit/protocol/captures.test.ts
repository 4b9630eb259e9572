/**
 * Every request the official clients sent to the capture server (shared/spec/captures) verifies with our
 * signature code and the recorded fake key, and a copy with any one signed byte changed does not.
 * The worked examples of openapi-protocol.md sections 6 and 7 are checked string by string.
 * (Every assert.ok here carries a message: without one, a failing assert.ok re-parses this TypeScript file to
 * describe the expression, which can hang under tsx.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Authenticator } from '../../../src/auth/authenticate.js';
import { randomBytes } from 'node:crypto';
import { KeyRing } from '../../../src/auth/keys.js';
import { RoleSessions } from '../../../src/auth/role-sessions.js';
import { SessionTokens } from '../../../src/auth/session-tokens.js';
import { ApiError } from '../../../src/errors/api-error.js';
import { percentEncode } from '../../../src/protocol/percent-encode.js';
import { readApiRequest, type ApiRequest } from '../../../src/protocol/request.js';
import { signV1, stringToSignV1, verifySignatureV1 } from '../../../src/protocol/signature-v1.js';
import { canonicalRequestV3, parseV3Authorization, sha256Hex, signV3, stringToSignV3, verifySignatureV3, type V3Request } from '../../../src/protocol/signature-v3.js';
import type { NonceRegistry } from '../../../src/store/store.js';
import { capturedRequests, readCapture, type CapturedRequest } from '../../support/spec.js';

const ACCESS_KEY_ID = 'LTAI5tFAKEtestKEY1234567';
const SECRET = 'FakeTestSecret0123456789abcdefXYZ';

function apiRequestOf(captured: CapturedRequest): ApiRequest {
  assert.equal(Buffer.byteLength(captured.body), captured.bodyLength, 'the recorded body is the received body');
  return readApiRequest({
    requestId: 'TEST',
    method: captured.method,
    url: captured.url,
    headers: captured.headers,
    rawBody: Buffer.from(captured.body, 'utf8'),
    sourceIp: '127.0.0.1',
    secureTransport: false,
  });
}

function isV3(req: ApiRequest): boolean {
  return String(req.headers.authorization ?? '').startsWith('ACS3-');
}

function copy(req: ApiRequest): ApiRequest {
  return { ...req, query: new Map(req.query), params: new Map(req.params), headers: { ...req.headers } };
}

/** When the request was signed: the clock the authenticator is given, so the recorded requests are fresh. */
function signedAt(req: ApiRequest): number {
  const stamp = isV3(req) ? String(req.headers['x-acs-date']) : req.params.get('Timestamp');
  const at = Date.parse(stamp ?? '');
  assert.ok(!Number.isNaN(at), `a signed time: ${stamp}`);
  return at;
}

function memoryNonces(): NonceRegistry {
  const seen = new Set<string>();
  return {
    async claim(accessKeyId, nonce) {
      const key = accessKeyId + '\n' + nonce;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    async held() {
      return seen.size;
    },
    async close() {},
  };
}

/** Runs the request through the server's authenticator; resolves to the signed action or the error code. */
async function authenticate(req: ApiRequest, now: number): Promise<{ action: string } | { code: string }> {
  const keys = new KeyRing([{ id: ACCESS_KEY_ID, secret: SECRET, status: 'Active', principal: { accountId: '1000000000000001', type: 'Root', name: 'root' } }]);
  const sessions = new RoleSessions(keys, new SessionTokens(randomBytes(32)));
  const authenticator = new Authenticator({ keys, sessions, nonces: memoryNonces(), windowMs: 900_000, now: () => now });
  try {
    const caller = await authenticator.authenticate(req);
    return { action: caller.action };
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code };
    throw err;
  }
}

/** The V3 signature of a request under `secret`, computed only from what the request carries. */
function verifiesV3(req: ApiRequest, secret = SECRET): boolean {
  const auth = parseV3Authorization(String(req.headers.authorization));
  assert.ok(auth, 'a well-formed Authorization header');
  const signed: V3Request = { method: req.method, query: req.query, headers: req.headers, signedHeaders: auth.signedHeaders, hashedPayload: sha256Hex(req.rawBody) };
  return verifySignatureV3(signed, auth.signature, secret);
}

/**
 * Changes one character: the last digit when there is one (a date or a port stays well-formed, so only the
 * signature can notice), otherwise the last character.
 */
function mutate(value: string): string {
  const digit = /\d(?=\D*$)/.exec(value);
  if (digit) return value.slice(0, digit.index) + String((Number(digit[0]) + 1) % 10) + value.slice(digit.index + 1);
  if (value.length === 0) return 'x';
  const chars = Array.from(value);
  chars[chars.length - 1] = chars[chars.length - 1] === 'a' ? 'b' : 'a';
  return chars.join('');
}

/** The code a V1 request answers when only this signed parameter changed: policy checks come before the HMAC. */
function expectedV1Code(name: string): string {
  switch (name) {
    case 'AccessKeyId':
      return 'InvalidAccessKeyId.NotFound';
    case 'SignatureMethod':
      return 'UnsupportedSignatureMethod';
    case 'SignatureVersion':
      return 'InvalidParameter.SignatureVersion';
    default:
      return 'SignatureDoesNotMatch';
  }
}

const entries = capturedRequests();

describe('the captures cover every kind of request', () => {
  it('both schemes, every client, GET and POST, form bodies, STS, 12-element lists and retries', () => {
    const reqs = entries.map((e) => apiRequestOf(e.request));
    assert.ok(entries.length >= 50, `${entries.length} captured requests`);
    assert.ok(reqs.filter(isV3).length >= 20, 'V3 requests');
    assert.ok(reqs.filter((r) => !isV3(r)).length >= 20, 'V1 requests');
    assert.ok(reqs.some((r) => r.method === 'GET'), 'pop-core GET');
    assert.ok(reqs.some((r) => isV3(r) && r.rawBody.length > 0 && r.headers['transfer-encoding'] === 'chunked'), 'V3 chunked form body');
    assert.ok(reqs.some((r) => !isV3(r) && r.rawBody.length > 0 && r.params.has('Signature') && !r.query.has('Signature')), 'V1 with everything in the body');
    assert.ok(reqs.some((r) => !isV3(r) && r.rawBody.length > 0 && r.query.has('Signature')), 'V1 with body parameters beside the query');
    assert.ok(reqs.some((r) => r.params.has('SecurityToken')) && reqs.some((r) => r.headers['x-acs-security-token'] !== undefined), 'STS, V1 and V3');
    assert.ok(reqs.some((r) => r.params.has('Members.12')), '12-element list');
    assert.ok(reqs.some((r) => r.headers['x-acs-retry-attempts'] !== undefined), 'a retried request');
    assert.ok(reqs.some((r) => [...r.params.values()].some((v) => v.includes('%7E') && v.includes('中文'))), 'special characters');
  });
});

for (const entry of entries) {
  describe(entry.name, () => {
    const req = apiRequestOf(entry.request);
    const now = signedAt(req);
    const sts = req.params.has('SecurityToken') || req.headers['x-acs-security-token'] !== undefined;

    if (isV3(req)) {
      const auth = parseV3Authorization(String(req.headers.authorization))!;

      it('V3: the signature verifies with the recorded key, and not with another', () => {
        assert.equal(req.headers['x-acs-content-sha256'], sha256Hex(req.rawBody), 'the payload hash is the sha256 of the raw body');
        assert.equal(auth.accessKeyId, ACCESS_KEY_ID);
        assert.equal(verifiesV3(req), true);
        assert.equal(verifiesV3(req, SECRET + 'x'), false);
      });

      it(sts ? 'V3 STS: a token this server did not issue is malformed' : 'V3: the authenticator accepts it and routes on x-acs-action', async () => {
        assert.deepEqual(await authenticate(req, now), sts ? { code: 'InvalidSecurityToken.Malformed' } : { action: req.headers['x-acs-action'] });
      });

      it('V3: one changed signed byte (a query value, a signed header, the body, the method) fails', async () => {
        const tampered: Array<[string, ApiRequest]> = [];
        for (const name of req.query.keys()) {
          const t = copy(req);
          t.query.set(name, mutate(t.query.get(name)!));
          t.params.set(name, t.query.get(name)!);
          tampered.push([`query ${name}`, t]);
        }
        const added = copy(req);
        added.query.set('Extra', '1');
        tampered.push(['an added query parameter', added]);
        for (const name of auth.signedHeaders) {
          const t = copy(req);
          t.headers[name] = mutate(String(t.headers[name]));
          tampered.push([`header ${name}`, t]);
        }
        const method = copy(req);
        method.method = req.method === 'POST' ? 'GET' : 'POST';
        tampered.push(['the method', method]);
        const signature = copy(req);
        signature.headers.authorization = String(req.headers.authorization).replace(/Signature=([0-9a-f]+)$/, (_m, s: string) => 'Signature=' + mutate(s));
        tampered.push(['the signature', signature]);
        if (req.rawBody.length > 0) {
          const body = copy(req);
          body.rawBody = Buffer.from(req.rawBody);
          body.rawBody[body.rawBody.length - 1]! ^= 1;
          tampered.push(['a body byte', body]);
          const rehashed = copy(body);
          rehashed.headers['x-acs-content-sha256'] = sha256Hex(body.rawBody);
          tampered.push(['a body byte with a recomputed content hash', rehashed]);
        }
        assert.ok(tampered.length >= 9, `${tampered.length} tampered copies`);
        for (const [what, t] of tampered) {
          if (what !== 'the signature') assert.equal(verifiesV3(t), false, `the signature still verifies after changing ${what}`);
          const result = await authenticate(t, now);
          assert.deepEqual(result, { code: sts ? 'InvalidSecurityToken.Malformed' : 'SignatureDoesNotMatch' }, `changing ${what}`);
        }
      });
    } else {
      it('V1: the signature verifies with the recorded key, and not with another', () => {
        assert.equal(req.params.get('AccessKeyId'), ACCESS_KEY_ID);
        assert.equal(verifySignatureV1(req.method, req.params, SECRET), true);
        assert.equal(verifySignatureV1(req.method, req.params, SECRET + 'x'), false);
      });

      it(sts ? 'V1 STS: a token this server did not issue is malformed' : 'V1: the authenticator accepts it and routes on the signed Action', async () => {
        assert.deepEqual(await authenticate(req, now), sts ? { code: 'InvalidSecurityToken.Malformed' } : { action: req.params.get('Action') });
      });

      it('V1: one changed signed byte (any parameter value, query or body, or the method) fails', async () => {
        const tampered: Array<[string, ApiRequest, string]> = [];
        for (const name of req.params.keys()) {
          const t = copy(req);
          t.params.set(name, mutate(t.params.get(name)!));
          tampered.push([`parameter ${name}`, t, name === 'Signature' ? 'SignatureDoesNotMatch' : expectedV1Code(name)]);
        }
        const added = copy(req);
        added.params.set('Extra', '1');
        tampered.push(['an added parameter', added, 'SignatureDoesNotMatch']);
        const method = copy(req);
        method.method = req.method === 'POST' ? 'GET' : 'POST';
        tampered.push(['the method', method, 'SignatureDoesNotMatch']);
        assert.ok(tampered.length >= 12, `${tampered.length} tampered copies`);
        for (const [what, t, code] of tampered) {
          assert.equal(verifySignatureV1(t.method, t.params, SECRET), false, `the signature still verifies after changing ${what}`);
          // The token's refusal comes after the format checks of SignatureMethod and SignatureVersion, before the key and HMAC.
          const expected = sts && code !== 'UnsupportedSignatureMethod' && code !== 'InvalidParameter.SignatureVersion' ? 'InvalidSecurityToken.Malformed' : code;
          assert.deepEqual(await authenticate(t, now), { code: expected }, `changing ${what}`);
        }
      });
    }
  });
}

describe('worked examples of openapi-protocol.md', () => {
  const examples: Array<{ title: string; request: CapturedRequest }> = readCapture('worked-examples.json').examples;
  const example = (i: number) => apiRequestOf(examples[i]!.request);
  const v3Of = (req: ApiRequest): V3Request => {
    const auth = parseV3Authorization(String(req.headers.authorization))!;
    return { method: req.method, query: req.query, headers: req.headers, signedHeaders: auth.signedHeaders, hashedPayload: sha256Hex(req.rawBody) };
  };

  it('section 6, first example (openapi-client v2): CanonicalizedQueryString, StringToSign, Signature', () => {
    const req = example(0);
    const canonical =
      'AccessKeyId=LTAI5tFAKEtestKEY1234567&Action=AddMessageContact&EmailAddress=alice%2Brd%40example.com&Format=json&MessageTypes.1=AccountExpenses&MessageTypes.2=ServiceMessage&Name=Alice%20Zhang&PhoneNumber=86-18612345678&SignatureMethod=HMAC-SHA1&SignatureNonce=9533d3a53e811fa2bd367258ba7c7305&SignatureVersion=1.0&Timestamp=2026-11-23T17%3A21%3A59Z&Title=FinanceDirector&Version=2022-04-19';
    const stringToSign =
      'POST&%2F&AccessKeyId%3DLTAI5tFAKEtestKEY1234567%26Action%3DAddMessageContact%26EmailAddress%3Dalice%252Brd%2540example.com%26Format%3Djson%26MessageTypes.1%3DAccountExpenses%26MessageTypes.2%3DServiceMessage%26Name%3DAlice%2520Zhang%26PhoneNumber%3D86-18612345678%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D9533d3a53e811fa2bd367258ba7c7305%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-23T17%253A21%253A59Z%26Title%3DFinanceDirector%26Version%3D2022-04-19';
    assert.equal(stringToSign, 'POST&%2F&' + percentEncode(canonical));
    assert.equal(stringToSignV1(req.method, req.params), stringToSign);
    assert.equal(signV1(SECRET, stringToSign), 'xCEyf73L3qpOZxBXtU5lAS5Dn9Y=');
    assert.equal(req.params.get('Signature'), 'xCEyf73L3qpOZxBXtU5lAS5Dn9Y=');
  });

  it('section 6, second example (pop-core POST, everything in the body): ContactId with %2A, Signature', () => {
    const req = example(1);
    assert.equal(req.query.size, 0);
    const stringToSign = stringToSignV1(req.method, req.params);
    assert.equal(stringToSign.slice(0, 'POST&%2F&'.length), 'POST&%2F&');
    assert.match(decodeURIComponent(stringToSign.slice('POST&%2F&'.length)), /&ContactId=c-qL4HqKONzOM7%2A%2A%2A%2A&/);
    assert.equal(signV1(SECRET, stringToSign), 'Zt+IFNzUVNxfAsyeHEx1jstYeU8=');
  });

  it('section 7, third example (openapi-client V3): CanonicalRequest, StringToSign, Signature', () => {
    const req = example(2);
    const canonicalRequest = [
      'POST',
      '/',
      'EmailAddress=alice%2Brd%40example.com&MessageTypes.1=AccountExpenses&MessageTypes.2=ServiceMessage&Name=Alice%20Zhang&PhoneNumber=86-18612345678&Title=FinanceDirector',
      'host:127.0.0.1:34437',
      'x-acs-action:AddMessageContact',
      'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-credentials-provider:static_ak',
      'x-acs-date:2026-11-23T17:21:59Z',
      'x-acs-signature-nonce:69bea902ed23d1396414bfa3d526d0ea',
      'x-acs-version:2022-04-19',
      '',
      'host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n');
    assert.equal(canonicalRequestV3(v3Of(req)), canonicalRequest);
    assert.equal(stringToSignV3(v3Of(req)), 'ACS3-HMAC-SHA256\nad58167390a4dfecfba0ae1c734d45f7900c6c23c6a05d9ec232b44946716fd8');
    assert.equal(signV3(SECRET, stringToSignV3(v3Of(req))), 'ee6b548f3018f8d13341ee7576164fc580647e7c2ab8722e44b446eaaf41e3ab');
  });

  it('section 7, fourth example (V3 form body): canonical query re-encoded, content-type signed first, raw-body hash', () => {
    const req = example(3);
    const lines = canonicalRequestV3(v3Of(req)).split('\n');
    assert.equal(lines[2], 'Name=Zhang%20San%20~%2A%2B%21%27%28%29%E4%B8%AD%E6%96%87%2F%26%3D%257E&Title=CFO%20%26%20Co');
    assert.equal(lines[3], 'content-type:application/x-www-form-urlencoded');
    assert.equal(sha256Hex(req.rawBody), 'be65e71fe7607008631054577820f2bf80d1959d9efe0291b2f228efde3a286e');
    assert.equal(lines.at(-1), 'be65e71fe7607008631054577820f2bf80d1959d9efe0291b2f228efde3a286e');
    assert.equal(signV3(SECRET, stringToSignV3(v3Of(req))), '79352a783faf6aa463baf3d44c65dde6238592e95867f5d4d3a8489c2b92d9dd');
  });

  it('section 7, fifth example (V3 STS): signed headers, token verbatim, Signature', () => {
    const req = example(4);
    const signed = 'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version';
    assert.equal(v3Of(req).signedHeaders.join(';'), signed);
    assert.equal(canonicalRequestV3(v3Of(req)).split('\n').find((line) => line.startsWith('x-acs-security-token:')), "x-acs-security-token:CAIS-fake-sts-token+/=~*!()'test");
    assert.equal(signV3(SECRET, stringToSignV3(v3Of(req))), '2468ae2394afe0706a8f3d91cb0e969397e2a9c775e12e3d91d58afd11ad1cd2');
  });

  it('section 5: percent-encoding rules', () => {
    assert.equal(percentEncode("Zhang San ~*+!'()中文/&=%7E"), 'Zhang%20San%20~%2A%2B%21%27%28%29%E4%B8%AD%E6%96%87%2F%26%3D%257E');
    assert.equal(percentEncode('-_.~AZaz09'), '-_.~AZaz09');
    assert.equal(percentEncode('/'), '%2F');
  });
});
