import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, CLIENT_NAMES, type TestServer } from '../../support/server.js';

describe('every official client reaches the server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(() => server.stop());

  for (const name of CLIENT_NAMES) {
    it(`${name}: GetResourceDirectory`, async () => {
      const body = await server.client(name)('GetResourceDirectory');
      assert.match(body.RequestId, /^[0-9A-F-]{36}$/);
      assert.equal(body.ResourceDirectory.MasterAccountId, server.root.accountId);
      assert.match(body.ResourceDirectory.ResourceDirectoryId, /^rd-[0-9A-Za-z]{6}$/);
      assert.equal(body.Code, undefined);
    });
  }
});
