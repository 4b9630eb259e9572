/**
 * Requests built to hurt the server (security review, issue 12): each gets a clear 4xx, changes nothing,
 * and never spoils the requests of others arriving with it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formEncode, httpRequest, signedV1Params, v1FormPost } from '../../support/hand-signed.js';
import { addContact } from '../../support/contacts.js';
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

  it('a control character in a string parameter: its InvalidParameter code, 400, the same on both stores, and nothing changes', async () => {
    const cases: Array<[action: string, params: Record<string, string>, code: string]> = [
      ['ListAccounts', { QueryKeyword: 'a\u0000b' }, 'InvalidParameter.QueryKeyword'],
      ['ListFoldersForParent', { QueryKeyword: 'tab\there' }, 'InvalidParameter.QueryKeyword'],
      ['ListAccounts', { 'Tag.1.Key': 'k', 'Tag.1.Value': 'v\u0000' }, 'InvalidParameter.Tag'],
      ['CreateFolder', { FolderName: 'tagged', 'Tag.1.Key': 'k\u0000', 'Tag.1.Value': 'v' }, 'InvalidParameter.Tag'],
      ['CreateFolder', { FolderName: 'bell\u0007' }, 'InvalidParameter.FolderName'],
      ['CreateResourceAccount', { DisplayName: 'payer', AccountNamePrefix: 'payer', PayerAccountId: '\u0000' }, 'InvalidParameter.PayerAccountId'],
      ['AddMessageContact', { Name: 'del\u007fete', EmailAddress: 'a@example.com', Title: 'TechnicalDirector', 'MessageTypes.1': 'AccountExpenses' }, 'InvalidParameter.Name'],
    ];
    for (const [action, params, code] of cases) {
      const answer = await httpRequest(server.url, v1FormPost(server.creds, action, params));
      assert.deepEqual([answer.status, answer.json?.Code], [400, code], `${action} ${JSON.stringify(params)}`);
    }
    const folders = await server.client()('ListFoldersForParent', {});
    assert.equal(folders.TotalCount, 0, 'no folder was created');
    const accounts = await server.client()('ListAccounts', {});
    assert.equal(accounts.TotalCount, 0, 'no account was created');
  });

  it('the outbox refuses a control character in its to filter with a JSON 400', async () => {
    const answer = await httpRequest(server.url, { method: 'GET', path: '/_rdc/outbox?to=%00' });
    assert.equal(answer.status, 400);
    assert.equal(answer.json?.Code, 'InvalidParameter.To');
  });

  it('a body of 100,000 parameters, or one parameter of 10,000 characters, is refused before it is decoded', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `p${i}=v`).join('&');
    const tooMany = await httpRequest(server.url, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: many });
    assert.deepEqual([tooMany.status, tooMany.json?.Code], [400, 'InvalidRequest.TooManyParameters']);
    const longQuery = await httpRequest(server.url, { method: 'GET', path: '/?Action=' + 'A'.repeat(10_000) });
    assert.deepEqual([longQuery.status, longQuery.json?.Code], [400, 'InvalidParameter.TooLong']);
    const extra = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`Extra${i}`, 'x'.repeat(100)]));
    const signed = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory', extra));
    assert.equal(signed.status, 200, '900 parameters of 100 characters are still served');
  });

  it('a signed HEAD reaches no operation: 405 InvalidRequest.MethodNotAllowed, and the contact is still there', async () => {
    const call = server.client();
    const id = await addContact(call, { Name: 'KeptByHead' });
    const params = signedV1Params(server.creds, 'DeleteMessageContact', { ContactId: id }, { method: 'HEAD' as 'GET' });
    const answer = await httpRequest(server.url, { method: 'HEAD', path: '/?' + formEncode(params) });
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.allow, 'GET, POST');
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Name, 'KeptByHead');
  });
});
