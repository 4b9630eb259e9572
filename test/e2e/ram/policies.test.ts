import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_NAMES, startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, type ClientName } from '../../support/clients.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';

const ACCOUNT = '1000000000000001';
const deny = (Action: string | string[], Condition?: object) => ({ Version: '1', Statement: [{ Effect: 'Deny', Action, Resource: '*', ...(Condition && { Condition }) }] });
const allowAllIf = (Condition: object) => ({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:*', Resource: '*', Condition }] });

/** The detail as each client surfaces it: err.accessDeniedDetail (openapi-client/core), err.data (pop-core). */
function accessDeniedDetail(client: ClientName, err: any): Record<string, string> {
  return client.startsWith('pop-core') ? err.data.AccessDeniedDetail : err.accessDeniedDetail;
}

describe('RAM users and policies, through the official clients', () => {
  let server: TestServer;
  const as = (id: string, client: ClientName = 'openapi-core-v3') => server.client(client, credsOf(id));
  const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);

  before(async () => {
    const file = writeIdentities({
      accounts: [
        {
          accountId: ACCOUNT,
          ramUsers: [
            { name: 'reader', accessKeys: [key('LTAIreader00001')], policies: ['AliyunResourceDirectoryReadOnlyAccess'] },
            { name: 'admin', accessKeys: [key('LTAIadmin000001')], policies: ['AliyunResourceDirectoryFullAccess'] },
            { name: 'guarded', accessKeys: [key('LTAIguarded0001')], policies: ['AliyunResourceDirectoryFullAccess', deny('resourcemanager:enable*')] },
            { name: 'dormant', accessKeys: [key('LTAIdormant0001', 'Inactive'), key('LTAIdormant0002')], policies: ['AliyunResourceDirectoryFullAccess'] },
            { name: 'local', accessKeys: [key('LTAIlocal000001')], policies: [allowAllIf({ IpAddress: { 'acs:SourceIp': ['127.0.0.0/8', '::1'] } })] },
            { name: 'remote', accessKeys: [key('LTAIremote00001')], policies: [allowAllIf({ IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } })] },
            { name: 'tls', accessKeys: [key('LTAItls00000001')], policies: ['AliyunResourceDirectoryFullAccess', deny('*', { Bool: { 'acs:SecureTransport': 'false' } })] },
            { name: 'nobody', accessKeys: [key('LTAInobody00001')] },
          ],
        },
      ],
    });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: ACCOUNT, RDC_IDENTITIES_FILE: file });
  });
  after(() => server.stop());

  it('a read-only user cannot write: 403 NoPermission with the detail, on every client', async () => {
    for (const client of CLIENT_NAMES) {
      const err: any = await failure(as('LTAIreader00001', client)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }));
      const { code, status, message } = errorOf(err);
      assert.equal(code, 'NoPermission', client);
      assert.equal(status, 403, client);
      assert.match(message, /You are not authorized to do this action/, client);
      const detail = accessDeniedDetail(client, err);
      assert.equal(detail.AuthAction, 'resourcemanager:EnableResourceDirectory', client);
      assert.equal(detail.AuthPrincipalType, 'SubUser', client);
      assert.equal(detail.AuthPrincipalOwnerId, ACCOUNT, client);
      assert.equal(detail.AuthPrincipalDisplayName, 'reader', client);
      assert.equal(detail.PolicyType, 'AccountLevelIdentityBasedPolicy', client);
      assert.equal(detail.NoPermissionType, 'ImplicitDeny', client);
      const diagnostic = JSON.parse(Buffer.from(detail.EncodedDiagnosticMessage!, 'base64').toString('utf8'));
      assert.equal(diagnostic.AuthResource, '*', client);
      assert.equal(diagnostic.AccessKeyId, 'LTAIreader00001', client);
    }
    // Nothing was written: the directory still does not exist.
    assert.equal(errorOf(await failure(server.client()('GetResourceDirectory'))).code, 'ResourceDirectoryNotInUse');
  });

  it('a full-access user writes; a read-only user then reads the account’s directory', async () => {
    const enabled = await as('LTAIadmin000001')('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    assert.equal(enabled.ResourceDirectory.MasterAccountId, ACCOUNT);
    for (const client of CLIENT_NAMES) {
      const body = await as('LTAIreader00001', client)('GetResourceDirectory');
      assert.equal(body.ResourceDirectory.ResourceDirectoryId, enabled.ResourceDirectory.ResourceDirectoryId, client);
    }
    const again = await failure(server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }));
    assert.equal(errorOf(again).code, 'EntityAlreadyExists.ResourceDirectory');
  });

  it('parameters are checked before RAM: a bad value is a 400 even for a user who may not call the action', async () => {
    const err = errorOf(await failure(as('LTAInobody00001')('EnableResourceDirectory', { EnableMode: 'Bogus' })));
    assert.deepEqual([err.code, err.status], ['InvalidParameter.EnableMode', 400]);
    const denied = errorOf(await failure(as('LTAInobody00001')('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })));
    assert.deepEqual([denied.code, denied.status], ['NoPermission', 403]);
  });

  it('a user without policies may do nothing', async () => {
    const err: any = await failure(as('LTAInobody00001')('GetResourceDirectory'));
    assert.equal(errorOf(err).code, 'NoPermission');
    assert.equal(err.accessDeniedDetail.NoPermissionType, 'ImplicitDeny');
  });

  it('an explicit Deny beats an Allow, and says so', async () => {
    const err: any = await failure(as('LTAIguarded0001', 'openapi-client-v3')('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }));
    assert.equal(errorOf(err).code, 'NoPermission');
    assert.equal(err.accessDeniedDetail.NoPermissionType, 'ExplicitDeny');
    const diagnostic = JSON.parse(Buffer.from(err.accessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString('utf8'));
    assert.equal(diagnostic.DecidingPolicy, 'guarded.policies[1]');
    assert.equal(diagnostic.DecidingStatement, 0);
    const body = await as('LTAIguarded0001')('GetResourceDirectory');
    assert.equal(body.ResourceDirectory.MasterAccountId, ACCOUNT);
  });

  it('an inactive key is refused before anything else; the user’s other key works', async () => {
    for (const client of CLIENT_NAMES) {
      const err = errorOf(await failure(as('LTAIdormant0001', client)('GetResourceDirectory')));
      assert.deepEqual([err.code, err.status], ['InvalidAccessKeyId.Inactive', 400], client);
    }
    assert.equal((await as('LTAIdormant0002')('GetResourceDirectory')).ResourceDirectory.MasterAccountId, ACCOUNT);
  });

  it('conditions see the source address and the transport', async () => {
    assert.equal((await as('LTAIlocal000001')('GetResourceDirectory')).ResourceDirectory.MasterAccountId, ACCOUNT);
    const remote: any = await failure(as('LTAIremote00001')('GetResourceDirectory'));
    assert.deepEqual([errorOf(remote).code, remote.accessDeniedDetail.NoPermissionType], ['NoPermission', 'ImplicitDeny']);
    const diagnostic = JSON.parse(Buffer.from(remote.accessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString('utf8'));
    assert.match(diagnostic.SourceIp, /^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
    const plain: any = await failure(as('LTAItls00000001')('GetResourceDirectory'));
    assert.deepEqual([errorOf(plain).code, plain.accessDeniedDetail.NoPermissionType], ['NoPermission', 'ExplicitDeny']);
  });

  it('the root key may do anything in its account', async () => {
    assert.equal((await server.client('pop-core-post')('GetResourceDirectory')).ResourceDirectory.MasterAccountId, ACCOUNT);
  });
});
