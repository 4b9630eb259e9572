import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf } from '../../support/clients.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';

const A = '1000000000000001';
const B = '2000000000000002';

/** An error as the caller sees it, without what differs on every call (request ID) or per client (statusCode). */
function comparable(err: any) {
  const { status, data } = errorOf(err);
  return { status, Code: data.Code, Message: data.Message, HostId: data.HostId, fields: Object.keys(data).filter((k) => k !== 'statusCode').sort() };
}

describe('two tenants in one server', () => {
  let server: TestServer;
  const rootA = () => server.client('openapi-core-v3');
  const rootB = () => server.client('openapi-core-v3', credsOf('LTAIrootB00001'));
  const adminB = () => server.client('openapi-client-v1', credsOf('LTAIadminB0001'));
  const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);

  before(async () => {
    const file = writeIdentities({
      accounts: [
        { accountId: A, ramUsers: [{ name: 'reader', accessKeys: [key('LTAIreaderA001')], policies: ['AliyunResourceDirectoryReadOnlyAccess'] }] },
        {
          accountId: B,
          accessKeys: [key('LTAIrootB00001')],
          ramUsers: [{ name: 'admin', accessKeys: [key('LTAIadminB0001')], policies: ['AliyunResourceDirectoryFullAccess'] }],
        },
      ],
    });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file });
  });
  after(() => server.stop());

  it('a tenant without a directory answers exactly as if no other tenant had one', async () => {
    const beforeAny = comparable(await failure(rootB()('GetResourceDirectory')));
    await rootA()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const afterA = comparable(await failure(rootB()('GetResourceDirectory')));
    assert.deepEqual(afterA, beforeAny);
    assert.equal(afterA.Code, 'ResourceDirectoryNotInUse');
    const viaUser = comparable(await failure(adminB()('GetResourceDirectory')));
    assert.deepEqual(viaUser, beforeAny);
  });

  it('each tenant enables and sees only its own directory; nothing of the other leaks', async () => {
    const a = (await rootA()('GetResourceDirectory')).ResourceDirectory;
    const b = (await adminB()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    assert.equal(b.MasterAccountId, B);
    assert.notEqual(b.ResourceDirectoryId, a.ResourceDirectoryId);
    const seenByB = JSON.stringify(await rootB()('GetResourceDirectory'));
    const seenByA = JSON.stringify(await server.client('pop-core-get', credsOf('LTAIreaderA001'))('GetResourceDirectory'));
    for (const id of [a.ResourceDirectoryId, a.RootFolderId, A]) assert.ok(!seenByB.includes(id), `B sees ${id}`);
    for (const id of [b.ResourceDirectoryId, b.RootFolderId, B]) assert.ok(!seenByA.includes(id), `A sees ${id}`);
    const againB = await failure(rootB()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }));
    assert.equal(errorOf(againB).code, 'EntityAlreadyExists.ResourceDirectory');
    assert.ok(!JSON.stringify((againB as any).data).includes(a.ResourceDirectoryId));
  });

  it('a RAM user’s denial names its own account only', async () => {
    const err: any = await failure(server.client('openapi-core-v1', credsOf('LTAIreaderA001'))('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }));
    assert.equal(err.accessDeniedDetail.AuthPrincipalOwnerId, A);
    const decoded = Buffer.from(err.accessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString('utf8');
    assert.ok(!decoded.includes(B));
  });
});
