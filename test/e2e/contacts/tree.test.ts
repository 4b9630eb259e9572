import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, type Call } from '../../support/clients.js';
import { addActiveContact, addContact, contactName, enableDirectory, expectError } from '../../support/contacts.js';

async function deletionOutcome(call: Call, contactId: string): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const s = (await call('GetMessageContactDeletionStatus', { ContactId: contactId })).ContactDeletionStatus;
      if (s.Status !== 'Deleting') return { ContactId: s.ContactId, Status: s.Status, FailReasonList: s.FailReasonList.map((f: any) => ({ AccountId: f.AccountId, MessageTypes: [...f.MessageTypes] })) };
    } catch (err) {
      if (errorOf(err).code === 'EntityNotExists.Contact') return 'gone';
      throw err;
    }
    assert.ok(Date.now() < deadline, 'the deletion did not settle');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('contacts and the directory tree operations (pop-core GET, openapi-core V3)', () => {
  let server: TestServer;
  let call: Call;
  const folder = async (parent?: string) => (await call('CreateFolder', { FolderName: 'f' + contactName(), ParentFolderId: parent })).Folder.FolderId as string;
  const account = async (parent: string) => (await call('CreateResourceAccount', { DisplayName: 'acct' + contactName(), ParentFolderId: parent })).Account.AccountId as string;
  before(async () => {
    server = await startTestServer();
    call = server.client('pop-core-get');
    await enableDirectory(server);
  });
  after(() => server.stop());

  it('MoveAccount changes which contacts cover the account at once, and a later deletion check sees that', async () => {
    const left = await folder();
    const right = await folder();
    const deep = await folder(await folder(right));
    const m = await account(left);
    const p = await addActiveContact(server, call, { MessageTypes: ['ActivityMessage'] });
    const q = await addActiveContact(server, call, { MessageTypes: ['ActivityMessage'] });
    await call('AssociateMembers', { ContactId: p, Members: [left] });
    await call('AssociateMembers', { ContactId: q, Members: [right] });
    const covering = async () => (await server.app.services.coverage.coveringContacts(m)).map((c) => c.contactId);
    assert.deepEqual(await covering(), [p]);

    await call('MoveAccount', { AccountId: m, DestinationFolderId: deep });
    assert.deepEqual(await covering(), [q]);
    assert.deepEqual(await server.app.services.coverage.coverageOf(p), []);
    assert.deepEqual(await server.app.services.coverage.coverageOf(q), [{ accountId: m, messageType: 'ActivityMessage' }]);
    await call('DeleteMessageContact', { ContactId: q, RetainContactInMembers: false });
    assert.deepEqual(await deletionOutcome(call, q), { ContactId: q, Status: 'Failed', FailReasonList: [{ AccountId: m, MessageTypes: ['ActivityMessage'] }] });
    await call('DeleteMessageContact', { ContactId: p, RetainContactInMembers: false });
    assert.equal(await deletionOutcome(call, p), 'gone');

    // Moved back, the failed deletion of q goes through on the next attempt.
    await call('MoveAccount', { AccountId: m, DestinationFolderId: left });
    await call('DeleteMessageContact', { ContactId: q, RetainContactInMembers: false });
    assert.equal(await deletionOutcome(call, q), 'gone');
  });

  it('accounts created through CreateResourceAccount can be bound and filtered on', async () => {
    const f = await folder();
    const m = await account(f);
    const id = await addContact(call);
    await call('AssociateMembers', { ContactId: id, Members: [m, f] });
    const listed = await call('ListMessageContacts', { Member: m });
    assert.deepEqual(listed.Contacts.map((c: { ContactId: string }) => c.ContactId), [id]);
    assert.deepEqual([...listed.Contacts[0].Members], [m, f]);
  });

  it('DeleteFolder removes the bindings to the folder', async () => {
    const f = await folder();
    const keep = await folder();
    const id = await addContact(call);
    await call('AssociateMembers', { ContactId: id, Members: [f, keep] });
    await call('DeleteFolder', { FolderId: f });
    assert.deepEqual([...(await call('GetMessageContact', { ContactId: id })).Contact.Members], [keep]);
    await expectError(call('ListMessageContacts', { Member: f }), 'EntityNotExists.Member');
  });

  it('DestroyResourceDirectory removes its contacts; a new directory starts without any', async () => {
    const v3 = server.client('openapi-core-v3');
    const before = await v3('ListMessageContacts', { PageSize: 100 });
    // Empty the tree first: the directory can be destroyed only without accounts and folders.
    const accounts = await v3('ListAccounts', { PageSize: 100 });
    assert.ok(accounts.TotalCount > 0);
    const id = await addContact(v3, { Name: 'Survivor' });
    await expectError(v3('DestroyResourceDirectory'), 'DeleteConflict.ResourceDirectory.Account');
    assert.equal((await v3('ListMessageContacts', {})).TotalCount, before.TotalCount + 1, 'a refused destroy removes nothing');

    const fresh = await startTestServer();
    try {
      const call2 = fresh.client('openapi-core-v3');
      await enableDirectory(fresh);
      const c = await addContact(call2, { Name: 'Survivor' });
      const f = (await call2('CreateFolder', { FolderName: 'solo' })).Folder.FolderId;
      await call2('AssociateMembers', { ContactId: c, Members: [f] });
      await call2('DeleteFolder', { FolderId: f });
      await call2('DestroyResourceDirectory');
      await expectError(call2('GetMessageContact', { ContactId: c }), 'EntityNotExists.ResourceDirectory');
      // Removed from the store, not merely hidden behind a directory that is gone.
      assert.equal(await fresh.store.contacts.findById(c), undefined);
      assert.deepEqual(await fresh.store.contacts.pendingOf(c), []);
      await enableDirectory(fresh);
      assert.equal((await call2('ListMessageContacts', {})).TotalCount, 0);
      await expectError(call2('GetMessageContact', { ContactId: c }), 'EntityNotExists.Contact');
      await addContact(call2, { Name: 'Survivor' });
    } finally {
      await fresh.stop();
    }
    assert.ok((await v3('GetMessageContact', { ContactId: id })).Contact);
  });
});
