/**
 * ACS3-HMAC-SM3: the GB/T 32905 SM3 vector, the HMAC-SM3 vector of the research notes (issue15 §6), and a
 * request signed by openapi-core's own getAuthorization verifying with our code (and not with another key).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenApiUtil as CoreUtil } from '@alicloud/openapi-core';
import { hashHex, parseV3Authorization, signV3, SM3_AVAILABLE, verifySignatureV3 } from '../../../src/protocol/signature-v3.js';

describe('ACS3-HMAC-SM3', () => {
  it('this Node has SM3 (the server answers a clear 400 where it has not)', () => {
    assert.equal(SM3_AVAILABLE, true);
  });

  it('SM3 and HMAC-SM3 give the published vectors', () => {
    assert.equal(hashHex('abc', 'ACS3-HMAC-SM3'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    assert.equal(hashHex('', 'ACS3-HMAC-SM3'), '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    assert.equal(signV3('key', 'abc', 'ACS3-HMAC-SM3'), '28e63256e7c5a087b1f073265dc53092163f7b82729735d06f28f10af9d52393');
  });

  it("a request signed by openapi-core's getAuthorization verifies, with the right key only", () => {
    const body = 'Name=Alice&EmailAddress=alice%40example.com';
    const payload = hashHex(body, 'ACS3-HMAC-SM3');
    const headers: Record<string, string> = {
      host: '127.0.0.1:8080',
      'x-acs-action': 'AddMessageContact',
      'x-acs-version': '2022-04-19',
      'x-acs-date': '2026-12-06T14:00:00Z',
      'x-acs-signature-nonce': 'abc123',
      'x-acs-content-sha256': payload,
      'content-type': 'application/x-www-form-urlencoded',
    };
    const query = { Title: 'Finance Director*' };
    const authorization = CoreUtil.getAuthorization({ method: 'POST', pathname: '/', query, headers } as never, 'ACS3-HMAC-SM3', payload, 'LTAIsm3key0001', 'sm3-secret-0001');
    const auth = parseV3Authorization(authorization);
    assert.ok(auth, `parses: ${authorization}`);
    assert.equal(auth.algorithm, 'ACS3-HMAC-SM3');
    const signed = { method: 'POST', query: new Map(Object.entries(query)), headers, signedHeaders: auth.signedHeaders, hashedPayload: payload, algorithm: auth.algorithm };
    assert.equal(verifySignatureV3(signed, auth.signature, 'sm3-secret-0001'), true);
    assert.equal(verifySignatureV3(signed, auth.signature, 'sm3-secret-0002'), false);
    assert.equal(verifySignatureV3({ ...signed, algorithm: 'ACS3-HMAC-SHA256' }, auth.signature, 'sm3-secret-0001'), false);
  });
});
