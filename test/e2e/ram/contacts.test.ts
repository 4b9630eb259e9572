import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, type ApiParams, type ClientName } from '../../support/clients.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';
import { EMAIL, addContact, addActiveContact, contactName } from '../../support/contacts.js';

const A = '1000000000000001';
const B = '2000000000000002';
const MISSING = 'c-0000000000000000';

describe('RAM on the message-contact operations, through the official clients', () => {
  let server: TestServer;
  let contactA: string;
  let contactB: string;
  const as = (id: string, client: ClientName = 'openapi-core-v3') => server.client(client, credsOf(id));
  const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);
  const onlyContact = (id: string) => ({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['resourcemanager:GetMessageContact', 'resourcemanager:UpdateMessageContact'], Resource: `acs:resourcemanager:*:${A}:messagecontact/${id}` }],
  });

  before(async () => {
    // The policy naming one contact needs its ID: create the contacts first, then write the users into the file.
    const file = writeIdentities({ accounts: [] });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file });
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    contactA = await addActiveContact(server, server.client());
    contactB = await addContact(server.client());
    writeFileSync(
      file,
      JSON.stringify({
        accounts: [
          {
            accountId: A,
            ramUsers: [
              { name: 'reader', accessKeys: [key('LTAIreader00001')], policies: ['AliyunResourceDirectoryReadOnlyAccess'] },
              { name: 'one', accessKeys: [key('LTAIone0000001')], policies: [onlyContact(contactA)] },
              {
                name: 'nodelete',
                accessKeys: [key('LTAInodelete001')],
                policies: ['AliyunResourceDirectoryFullAccess', { Version: '1', Statement: [{ Effect: 'Deny', Action: 'resourcemanager:DeleteMessageContact', Resource: `acs:resourcemanager:*:${A}:messagecontact/${contactA}` }] }],
              },
              { name: 'nobody', accessKeys: [key('LTAInobody00001')] },
            ],
          },
          { accountId: B, accessKeys: [key('LTAIrootB00001')] },
        ],
      }),
    );
    // The watcher picks the new file up.
    const deadline = Date.now() + 3000;
    while (!(await as('LTAIreader00001')('GetResourceDirectory').then(() => true, () => false))) {
      if (Date.now() > deadline) assert.fail('identities not reloaded');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(() => server.stop());

  it('a read-only user gets and lists contacts, but every write answers 403 NoPermission', async () => {
    const reader = as('LTAIreader00001', 'openapi-client-v3');
    assert.equal((await reader('GetMessageContact', { ContactId: contactA })).Contact.ContactId, contactA);
    assert.equal((await reader('ListMessageContacts', {})).TotalCount, 2);
    await reader('ListMessageContactVerifications', { ContactId: contactB });
    for (const [action, params] of [
      ['AddMessageContact', { Name: contactName(), EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }],
      ['UpdateMessageContact', { ContactId: contactA, Title: 'FinanceDirector' }],
      ['DeleteMessageContact', { ContactId: contactB }],
      ['AssociateMembers', { ContactId: contactA, Members: [server.root.accountId] }],
    ] as Array<[string, ApiParams]>) {
      const err: any = await failure(reader(action, params));
      assert.deepEqual([errorOf(err).code, errorOf(err).status], ['NoPermission', 403], action);
      assert.equal(err.accessDeniedDetail.AuthAction, `resourcemanager:${action}`);
      assert.equal(err.accessDeniedDetail.NoPermissionType, 'ImplicitDeny');
    }
    assert.equal((await server.client()('ListMessageContacts', {})).Contacts.length, 2, 'nothing was added');
  });

  it('a user allowed one contact’s ARN reads and updates that contact and no other', async () => {
    const one = as('LTAIone0000001', 'pop-core-post');
    assert.equal((await one('GetMessageContact', { ContactId: contactA })).Contact.ContactId, contactA);
    await one('UpdateMessageContact', { ContactId: contactA, Title: 'FinanceDirector' });
    for (const [action, params] of [
      ['GetMessageContact', { ContactId: contactB }],
      ['GetMessageContact', { ContactId: MISSING }],
      ['UpdateMessageContact', { ContactId: contactB, Title: 'CEO' }],
      ['ListMessageContacts', {}],
      ['GetMessageContactDeletionStatus', { ContactId: contactA }],
    ] as Array<[string, ApiParams]>) {
      const err: any = await failure(one(action, params));
      assert.equal(errorOf(err).code, 'NoPermission', `${action} ${JSON.stringify(params)}`);
      assert.equal(err.entry.response.statusCode, 403);
      assert.equal(err.data.AccessDeniedDetail.AuthAction, `resourcemanager:${action}`);
      const diagnostic = JSON.parse(Buffer.from(err.data.AccessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString('utf8'));
      assert.equal(diagnostic.AuthResource, `acs:resourcemanager::${A}:messagecontact/${'ContactId' in params ? params.ContactId : '*'}`);
    }
  });

  it('a malformed ContactId is a 400 even for a user who may do nothing', async () => {
    const err = errorOf(await failure(as('LTAInobody00001')('GetMessageContact', { ContactId: 'bogus' })));
    assert.deepEqual([err.code, err.status], ['InvalidParameter.ContactId', 400]);
    assert.equal(errorOf(await failure(as('LTAInobody00001')('GetMessageContact', { ContactId: contactA }))).code, 'NoPermission');
  });

  it('an explicit Deny on one contact beats full access', async () => {
    const err: any = await failure(as('LTAInodelete001', 'openapi-core-v1')('DeleteMessageContact', { ContactId: contactA }));
    assert.equal(err.accessDeniedDetail.NoPermissionType, 'ExplicitDeny');
    assert.equal((await server.client()('GetMessageContact', { ContactId: contactA })).Contact.ContactId, contactA, 'not deleted');
    const other = await as('LTAInodelete001')('GetMessageContact', { ContactId: contactB });
    assert.equal(other.Contact.ContactId, contactB);
  });

  it('another tenant’s contact IDs answer exactly as missing ones, and nothing leaks through lists', async () => {
    const rootB = as('LTAIrootB00001');
    const comparable = (err: unknown) => {
      const { status, data } = errorOf(err);
      return { status, Code: data.Code, Message: data.Message };
    };
    let memberOfB = B;
    const calls: Array<[string, (id: string) => ApiParams]> = [
      ['GetMessageContact', (id) => ({ ContactId: id })],
      ['UpdateMessageContact', (id) => ({ ContactId: id, Title: 'CEO' })],
      ['DeleteMessageContact', (id) => ({ ContactId: id })],
      ['GetMessageContactDeletionStatus', (id) => ({ ContactId: id })],
      ['ListMessageContactVerifications', (id) => ({ ContactId: id })],
      ['SendEmailVerificationForMessageContact', (id) => ({ ContactId: id, EmailAddress: EMAIL })],
      ['CancelMessageContactUpdate', (id) => ({ ContactId: id, EmailAddress: EMAIL })],
      ['AssociateMembers', (id) => ({ ContactId: id, Members: [memberOfB] })],
      ['DisassociateMembers', (id) => ({ ContactId: id, Members: [memberOfB] })],
      ['ListMessageContacts', (id) => ({ ContactId: id })],
    ];
    // Without a directory of its own, and then with one.
    for (const stage of ['no directory', 'own directory']) {
      for (const [action, params] of calls) {
        const foreign = comparable(await failure(rootB(action, params(contactA))));
        const missing = comparable(await failure(rootB(action, params(MISSING))));
        assert.deepEqual(foreign, missing, `${stage}: ${action}`);
        assert.equal(foreign.Code, stage === 'no directory' ? 'EntityNotExists.ResourceDirectory' : 'EntityNotExists.Contact', `${stage}: ${action}`);
        assert.ok(!JSON.stringify(foreign).includes(contactA));
      }
      if (stage === 'no directory') memberOfB = (await rootB('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory.ResourceDirectoryId;
    }
    const list = await rootB('ListMessageContacts', {});
    assert.deepEqual(list.Contacts, []);
    assert.ok(!JSON.stringify(list).includes(contactA) && !JSON.stringify(list).includes(contactB));
    // And the other way round: A's contacts are untouched by B's attempts.
    const still = await server.client()('GetMessageContact', { ContactId: contactA });
    assert.equal(still.Contact.Status, 'Active');
  });
});
