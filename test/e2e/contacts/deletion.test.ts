import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { errorOf } from '../../support/clients.js';
import { EMAIL, addAccount, addActiveContact, addContact, addFolder, enableDirectory, expectError } from '../../support/contacts.js';

/** Polls GetMessageContactDeletionStatus until it is no longer Deleting: the final status, or 'gone' (404). */
async function settled(call: Call, contactId: string): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const body = await call('GetMessageContactDeletionStatus', { ContactId: contactId });
      if (body.ContactDeletionStatus.Status !== 'Deleting') return body.ContactDeletionStatus;
    } catch (err) {
      if (errorOf(err).code === 'EntityNotExists.Contact') return 'gone';
      throw err;
    }
    assert.ok(Date.now() < deadline, 'the deletion did not settle');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('DeleteMessageContact and GetMessageContactDeletionStatus (openapi-client V3)', () => {
  let server: TestServer;
  let call: Call;
  let rd: ResourceDirectory;
  before(async () => {
    server = await startTestServer();
    call = server.client('openapi-client-v3');
    rd = await enableDirectory(server);
  });
  after(() => server.stop());

  it('RetainContactInMembers=true (the default): Deleted at once; its coverage is kept by the member accounts', async () => {
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const m1 = await addAccount(server, rd, folder);
    const m2 = await addAccount(server, rd, await addFolder(server, rd, folder, 2));
    const id = await addActiveContact(server, call, { Name: 'Retained', PhoneNumber: '86-13900001111', MessageTypes: ['AccountExpenses', 'FaultMessage'] });
    await call('AssociateMembers', { ContactId: id, Members: [folder] });
    const body = await call('DeleteMessageContact', { ContactId: id });
    assert.deepEqual(Object.keys(body).sort(), ['RequestId', 'Status']);
    assert.equal(body.Status, 'Deleted');
    await expectError(call('GetMessageContact', { ContactId: id }), 'EntityNotExists.Contact');
    await expectError(call('GetMessageContactDeletionStatus', { ContactId: id }), 'EntityNotExists.Contact');
    for (const account of [m1, m2]) {
      const kept = await server.app.services.coverage.retainedOf(account);
      assert.deepEqual(
        kept.map((r) => [r.messageType, r.sourceContactId, r.name, r.email, r.phone, r.title]),
        [
          ['AccountExpenses', id, 'Retained', EMAIL, null, 'TechnicalDirector'],
          ['FaultMessage', id, 'Retained', EMAIL, null, 'TechnicalDirector'],
        ],
      );
    }
    // The name is free again.
    await addContact(call, { Name: 'Retained' });
  });

  it("the seeds' flow: a deletion that must fail reports Failed with the accounts and message types; a second cover lets it succeed", async () => {
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const [m1, m2] = [await addAccount(server, rd, folder), await addAccount(server, rd, folder)].sort() as [string, string];
    const target = await addActiveContact(server, call, { MessageTypes: ['AccountExpenses', 'SecurityMessage'] });
    await call('AssociateMembers', { ContactId: target, Members: [folder] });
    // m1 also has another contact for AccountExpenses; a Verifying contact covers nothing.
    const partial = await addActiveContact(server, call, { MessageTypes: ['AccountExpenses'] });
    await call('AssociateMembers', { ContactId: partial, Members: [m1] });
    const verifying = await addContact(call, { MessageTypes: ['AccountExpenses', 'SecurityMessage'] });
    await call('AssociateMembers', { ContactId: verifying, Members: [rd.id] });

    const body = await call('DeleteMessageContact', { ContactId: target, RetainContactInMembers: false });
    assert.equal(body.Status, 'Deleting');
    const failed = await settled(call, target);
    assert.deepEqual(failed, {
      ContactId: target,
      Status: 'Failed',
      FailReasonList: [
        { AccountId: m1, MessageTypes: ['SecurityMessage'] },
        { AccountId: m2, MessageTypes: ['AccountExpenses', 'SecurityMessage'] },
      ],
    });
    // Nothing was removed and the contact is back to its previous status.
    const c = (await call('GetMessageContact', { ContactId: target })).Contact;
    assert.equal(c.Status, 'Active');
    assert.deepEqual(c.Members, [folder]);

    // A second contact covering those accounts (bound to the directory) lets the deletion succeed.
    const cover = await addActiveContact(server, call, { MessageTypes: ['SecurityMessage', 'AccountExpenses'] });
    await call('AssociateMembers', { ContactId: cover, Members: [rd.id] });
    assert.equal((await call('DeleteMessageContact', { ContactId: target, RetainContactInMembers: false })).Status, 'Deleting');
    assert.equal(await settled(call, target), 'gone');
    await expectError(call('GetMessageContact', { ContactId: target }), 'EntityNotExists.Contact');
    await expectError(call('DeleteMessageContact', { ContactId: target }), 'EntityNotExists.Contact');
    assert.deepEqual(await server.app.services.coverage.retainedOf(m2), [], 'not retaining keeps nothing');
  });

  it('retained member contacts count as cover for a later deletion', async () => {
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const m = await addAccount(server, rd, folder);
    const first = await addActiveContact(server, call, { MessageTypes: ['ProductMessage'] });
    const second = await addActiveContact(server, call, { MessageTypes: ['ProductMessage'] });
    await call('AssociateMembers', { ContactId: first, Members: [m] });
    await call('AssociateMembers', { ContactId: second, Members: [folder] });
    await call('DeleteMessageContact', { ContactId: first, RetainContactInMembers: true });
    await call('DeleteMessageContact', { ContactId: second, RetainContactInMembers: false });
    assert.equal(await settled(call, second), 'gone');
  });

  it('a Verifying contact covers nothing: deleting it without retaining succeeds and keeps nothing', async () => {
    const m = await addAccount(server, rd, rd.rootFolderId);
    const id = await addContact(call);
    await call('AssociateMembers', { ContactId: id, Members: [m] });
    await call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false });
    assert.equal(await settled(call, id), 'gone');
  });

  it('DeleteMessageContact and GetMessageContactDeletionStatus errors', async () => {
    const id = await addContact(call);
    await expectError(call('DeleteMessageContact', { ContactId: 'c-0123' }), 'InvalidParameter.ContactId');
    await expectError(call('DeleteMessageContact', {}), 'MissingParameter.ContactId');
    await expectError(call('DeleteMessageContact', { ContactId: 'c-0123456789abcdef' }), 'EntityNotExists.Contact');
    await expectError(call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: 'maybe' }), 'InvalidParameter.RetainContactInMembers');
    await expectError(call('GetMessageContactDeletionStatus', { ContactId: 'c-0123' }), 'InvalidParameter.ContactId');
    await expectError(call('GetMessageContactDeletionStatus', {}), 'MissingParameter.ContactId');
    await expectError(call('GetMessageContactDeletionStatus', { ContactId: 'c-0123456789abcdef' }), 'EntityNotExists.Contact');
    // A contact nobody asked to delete has no deletion to report.
    await expectError(call('GetMessageContactDeletionStatus', { ContactId: id }), 'EntityNotExists.Contact');
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Verifying');
  });
});

describe('while a contact is Deleting (RDC_CONTACT_DELETION_DELAY keeps it there; openapi-core V3)', () => {
  let server: TestServer;
  let call: Call;
  let rd: ResourceDirectory;
  before(async () => {
    server = await startTestServer({ RDC_CONTACT_DELETION_DELAY: '600' });
    call = server.client('openapi-core-v3');
    rd = await enableDirectory(server);
  });
  after(() => server.stop());

  it('Get and List show Deleting; the status reports Deleting with an empty FailReasonList', async () => {
    const id = await addContact(call);
    assert.equal((await call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false })).Status, 'Deleting');
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Deleting');
    assert.equal((await call('ListMessageContacts', { ContactId: id })).Contacts[0].Status, 'Deleting');
    const status = await call('GetMessageContactDeletionStatus', { ContactId: id });
    assert.deepEqual(Object.keys(status).sort(), ['ContactDeletionStatus', 'RequestId']);
    assert.deepEqual(status.ContactDeletionStatus, { ContactId: id, Status: 'Deleting', FailReasonList: [] });
  });

  it('a second DeleteMessageContact answers ConcurrentCallNotSupported; Update, Associate, Disassociate and Cancel answer ContactStatusMismatchAction', async () => {
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const id = await addContact(call, { PhoneNumber: '86-13900001234' });
    await call('AssociateMembers', { ContactId: id, Members: [folder] });
    await call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false });
    await expectError(call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false }), 'ConcurrentCallNotSupported');
    await expectError(call('DeleteMessageContact', { ContactId: id }), 'ConcurrentCallNotSupported');
    await expectError(call('UpdateMessageContact', { ContactId: id, Title: 'CEO' }), 'ContactStatusMismatchAction');
    await expectError(call('AssociateMembers', { ContactId: id, Members: [rd.id] }), 'ContactStatusMismatchAction');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: [folder] }), 'ContactStatusMismatchAction');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: '86-13900001234' }), 'ContactStatusMismatchAction');
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.Title, 'TechnicalDirector');
    assert.deepEqual(c.Members, [folder]);
    assert.equal(c.PhoneNumber, '86-13900001234');
  });

  it('MoveAccount answers ConcurrentCallNotSupported (which Terraform retries) while a contact of a parent folder is being unbound; other members still move', async () => {
    const parent = await addFolder(server, rd, rd.rootFolderId, 1);
    const child = await addFolder(server, rd, parent, 2);
    const elsewhere = await addFolder(server, rd, rd.rootFolderId, 1);
    const below = await addAccount(server, rd, child);
    const outside = await addAccount(server, rd, elsewhere);
    const id = await addContact(call);
    await call('AssociateMembers', { ContactId: id, Members: [parent] });
    await call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false });
    await expectError(call('MoveAccount', { AccountId: below, DestinationFolderId: elsewhere }), 'ConcurrentCallNotSupported');
    assert.equal((await call('GetAccount', { AccountId: below })).Account.FolderId, child);
    await call('MoveAccount', { AccountId: outside, DestinationFolderId: child });
    assert.equal((await call('GetAccount', { AccountId: outside })).Account.FolderId, child);
  });
});
