import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { rejectsWith } from '../../support/api-errors.js';

describe('openapi-core signing ACS3-HMAC-SM3', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.client('openapi-core-sm3')('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(() => server.stop());

  it('reads and writes: GetResourceDirectory, AddMessageContact (query and form body), GetMessageContact', async () => {
    const call = server.client('openapi-core-sm3');
    const rd = await call('GetResourceDirectory');
    assert.equal(rd.ResourceDirectory.MasterAccountId, server.root.accountId);
    const added = await call('AddMessageContact', { Name: 'smthree', EmailAddress: 'sm3@example.com', Title: 'TechnicalDirector', MessageTypes: ['ServiceMessage'] });
    const viaBody = await call('AddMessageContact', {}, { Name: 'smbody', EmailAddress: 'sm3body@example.com', Title: 'TechnicalDirector', MessageTypes: ['ServiceMessage'] });
    const got = await call('GetMessageContact', { ContactId: added.Contact.ContactId });
    assert.equal(got.Contact.Name, 'smthree');
    assert.equal((await call('GetMessageContact', { ContactId: viaBody.Contact.ContactId })).Contact.EmailAddress, 'sm3body@example.com');
  });

  it('a wrong secret is SignatureDoesNotMatch, as with SHA-256', async () => {
    const call = server.client('openapi-core-sm3', { ...server.creds, accessKeySecret: server.creds.accessKeySecret + 'x' });
    await rejectsWith(call('GetResourceDirectory'), 'SignatureDoesNotMatch', 400);
  });
});
