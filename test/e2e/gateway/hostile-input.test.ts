/**
 * Requests built to hurt the server (security review, issue 12): each gets a clear 4xx, changes nothing,
 * and never spoils the requests of others arriving with it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { httpRequest, v1FormPost } from '../../support/hand-signed.js';
import { startTestServer, type TestServer } from '../../support/server.js';

describe('hostile input', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(async () => {
    await server.stop();
  });

  it('a nonce too long or with a control character: InvalidParameter.SignatureNonce, 400, and the calls sent with it still succeed', async () => {
    const bad = ['n'.repeat(257), 'n'.repeat(900), 'nonce\u0000nul', 'nonce\nline', 'nonce with space'];
    const calls = [
      ...bad.map((nonce) => v1FormPost(server.creds, 'GetResourceDirectory', {}, { nonce })),
      ...Array.from({ length: 8 }, () => v1FormPost(server.creds, 'GetResourceDirectory')),
    ];
    const answers = await Promise.all(calls.map((call) => httpRequest(server.url, call)));
    assert.deepEqual(
      answers.slice(0, bad.length).map((a) => [a.status, a.json?.Code]),
      bad.map(() => [400, 'InvalidParameter.SignatureNonce']),
    );
    assert.deepEqual(
      answers.slice(bad.length).map((a) => a.status),
      Array(8).fill(200),
      'the good calls of the same batch succeed',
    );
    const longest = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory', {}, { nonce: 'x'.repeat(128) }));
    assert.equal(longest.status, 200, 'a nonce of 128 printable characters is accepted');
  });
});
