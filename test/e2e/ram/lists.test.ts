import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf } from '../../support/clients.js';
import { credsOf } from '../../support/identities.js';
import { addContact } from '../../support/contacts.js';
import { parsePolicy, systemPolicy } from '../../../src/auth/policy.js';

const A = '1000000000000001';

/**
 * A Deny on one contact holds on the list operations too: a list filtered by that contact is authorised as
 * that contact, and a list across contacts leaves out what the caller may not read.
 */
describe('RAM on the list operations: a Deny on one contact is not bypassed by a list', () => {
  let server: TestServer;
  let secret: string;
  let open: string;
  const USER = 'LTAIdenyone0001';
  const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);

  before(async () => {
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A });
    const root = server.client();
    await root('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    secret = await addContact(root);
    open = await addContact(root);
    const deny = parsePolicy({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'resourcemanager:*', Resource: `acs:resourcemanager:*:${A}:messagecontact/${secret}` }] }, 'denyone.policies[1]');
    server.keys.replace([
      ...server.keys.all(),
      { ...credsOf(USER), id: USER, secret: credsOf(USER).accessKeySecret, status: 'Active', principal: { accountId: A, type: 'SubUser', name: 'denyone' }, policies: [systemPolicy('AliyunResourceDirectoryReadOnlyAccess')!, deny] },
    ]);
  });
  after(() => server?.stop());

  it('ListMessageContacts ContactId=<denied> answers 403 NoPermission on that contact', async () => {
    const err: any = await failure(server.client('openapi-core-v3', credsOf(USER))('ListMessageContacts', { ContactId: secret }));
    assert.deepEqual([errorOf(err).code, errorOf(err).status], ['NoPermission', 403]);
    assert.equal(err.accessDeniedDetail.NoPermissionType, 'ExplicitDeny');
    const diagnostic = JSON.parse(Buffer.from(err.accessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString());
    assert.equal(diagnostic.AuthResource, `acs:resourcemanager::${A}:messagecontact/${secret}`);
  });

  it('ListMessageContacts without ContactId leaves the denied contact out (and out of TotalCount)', async () => {
    const call = server.client('openapi-core-v3', credsOf(USER));
    const page = await call('ListMessageContacts', {});
    assert.deepEqual(page.Contacts.map((c: { ContactId: string }) => c.ContactId), [open]);
    assert.equal(page.TotalCount, 1);
    assert.equal((await call('ListMessageContacts', { ContactId: open })).Contacts[0].ContactId, open);
    assert.equal((await server.client()('ListMessageContacts', {})).TotalCount, 2, 'the root key sees both');
  });

  it('ListMessageContactVerifications: with ContactId=<denied> 403; without ContactId the denied contact’s records are left out', async () => {
    const call = server.client('openapi-core-v3', credsOf(USER));
    const err: any = await failure(call('ListMessageContactVerifications', { ContactId: secret }));
    assert.equal(errorOf(err).code, 'NoPermission');
    const all = await call('ListMessageContactVerifications', {});
    const ids = all.ContactVerifications.map((v: { ContactId: string }) => v.ContactId);
    assert.ok(ids.includes(open), 'the readable contact’s pending record is listed');
    assert.ok(!ids.includes(secret), 'the denied contact’s pending record is not');
    assert.equal(all.TotalCount, ids.length);
    const rootIds = (await server.client()('ListMessageContactVerifications', {})).ContactVerifications.map((v: { ContactId: string }) => v.ContactId);
    assert.ok(rootIds.includes(secret), 'the root key sees it');
  });
});
