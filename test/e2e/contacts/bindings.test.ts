import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { addAccount, addContact, addFolder, enableDirectory, expectError } from '../../support/contacts.js';

const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('AssociateMembers, DisassociateMembers, ListMessageContacts (openapi-core V1)', () => {
  let server: TestServer;
  let call: Call;
  let rd: ResourceDirectory;
  let folder: string;
  let account: string;
  before(async () => {
    server = await startTestServer({ RDC_MAX_MEMBERS_PER_CONTACT: '6' });
    call = server.client('openapi-core-v1');
    rd = await enableDirectory(server);
    folder = await addFolder(server, rd, rd.rootFolderId, 1);
    account = await addAccount(server, rd, folder);
  });
  after(() => server.stop());

  it('AssociateMembers binds the directory, the Root folder, a folder and an account; Get lists them', async () => {
    const id = await addContact(call);
    const body = await call('AssociateMembers', { ContactId: id, Members: [rd.id, rd.rootFolderId, folder, account] });
    assert.deepEqual(Object.keys(body).sort(), ['Members', 'RequestId']);
    assert.deepEqual(body.Members.map((m: { MemberId: string }) => m.MemberId), [rd.id, rd.rootFolderId, folder, account]);
    for (const m of body.Members) {
      assert.deepEqual(Object.keys(m).sort(), ['ContactId', 'MemberId', 'ModifyDate']);
      assert.equal(m.ContactId, id);
      assert.match(m.ModifyDate, DATE);
    }
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.deepEqual(c.Members, [rd.id, rd.rootFolderId, folder, account]);

    // Binding again is idempotent and keeps the original binding time.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await call('AssociateMembers', { ContactId: id, Members: [folder] });
    assert.equal(again.Members[0].ModifyDate, body.Members[2].ModifyDate);
    assert.deepEqual((await call('GetMessageContact', { ContactId: id })).Contact.Members, [rd.id, rd.rootFolderId, folder, account]);
  });

  it('DisassociateMembers unbinds; a member that is not bound is fine', async () => {
    const id = await addContact(call);
    await call('AssociateMembers', { ContactId: id, Members: [folder, account] });
    const body = await call('DisassociateMembers', { ContactId: id, Members: [folder, rd.id] });
    assert.deepEqual(
      body.Members.map((m: { ContactId: string; MemberId: string }) => [m.ContactId, m.MemberId]),
      [
        [id, folder],
        [id, rd.id],
      ],
    );
    for (const m of body.Members) assert.match(m.ModifyDate, DATE);
    assert.deepEqual((await call('GetMessageContact', { ContactId: id })).Contact.Members, [account]);
  });

  it('AssociateMembers errors', async () => {
    const id = await addContact(call);
    const other = await addFolder(server, rd, rd.rootFolderId, 1);
    await expectError(call('AssociateMembers', { ContactId: 'c-', Members: [folder] }), 'InvalidParameter.ContactId');
    await expectError(call('AssociateMembers', { Members: [folder] }), 'MissingParameter.ContactId');
    await expectError(call('AssociateMembers', { ContactId: id }), 'InvalidParameter.Members');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['fd-short'] }), 'InvalidParameter.Members');
    await expectError(call('AssociateMembers', { ContactId: id, Members: [folder, ''] }), 'InvalidParameter.Members');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['012345678901234'] }), 'InvalidParameter.Members');
    await expectError(call('AssociateMembers', { ContactId: id, Members: [folder, folder] }), 'InvalidParameter.Members.Duplicate');
    await expectError(call('AssociateMembers', { ContactId: id, Members: [rd.id, rd.rootFolderId, folder, account, other, 'fd-0123456789'] }), 'InvalidParameter.Members.Length');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['fd-0123456789'] }), 'InvalidMember');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['1234567890123456'] }), 'InvalidMember');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['rd-abcdef'] }), 'InvalidMember');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['r-abcdef'] }), 'InvalidMember');
    await expectError(call('AssociateMembers', { ContactId: 'c-0123456789abcdef', Members: [folder] }), 'EntityNotExists.Contact');
    // InvalidMember comes before EntityNotExists.Contact in the table.
    await expectError(call('AssociateMembers', { ContactId: 'c-0123456789abcdef', Members: ['fd-0123456789'] }), 'InvalidMember');
    assert.deepEqual((await call('GetMessageContact', { ContactId: id })).Contact.Members, []);
  });

  it('AssociateMembers: QuotaExceeded.Members beyond RDC_MAX_MEMBERS_PER_CONTACT bindings', async () => {
    const id = await addContact(call);
    const folders = [];
    for (let i = 0; i < 3; i++) folders.push(await addFolder(server, rd, rd.rootFolderId, 1));
    await call('AssociateMembers', { ContactId: id, Members: [rd.id, rd.rootFolderId, folder, account, folders[0]!] });
    await call('AssociateMembers', { ContactId: id, Members: [folders[1]!, folder] });
    await expectError(call('AssociateMembers', { ContactId: id, Members: [folders[2]!] }), 'QuotaExceeded.Members');
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Members.length, 6);
    // Re-binding what is bound needs no room.
    await call('AssociateMembers', { ContactId: id, Members: [folders[1]!] });
  });

  it('DisassociateMembers errors', async () => {
    const id = await addContact(call);
    await expectError(call('DisassociateMembers', { ContactId: 'contact', Members: [folder] }), 'InvalidParameter.ContactId');
    await expectError(call('DisassociateMembers', { Members: [folder] }), 'MissingParameter.ContactId');
    await expectError(call('DisassociateMembers', { ContactId: id }), 'InvalidParameter.Members');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: ['folder'] }), 'InvalidParameter.Members');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: [account, account] }), 'InvalidParameter.Members.Duplicate');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: ['fd-0000000001', 'fd-0000000002', 'fd-0000000003', 'fd-0000000004', 'fd-0000000005', 'fd-0000000006'] }), 'InvalidParameter.Members.Length');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: ['fd-0000000001'] }), 'InvalidMember');
    await expectError(call('DisassociateMembers', { ContactId: 'c-0123456789abcdef', Members: [folder] }), 'EntityNotExists.Contact');
  });

  it('ListMessageContacts filters by Member (direct bindings) and ContactId, pages, and reports AssociatedDate', async () => {
    const sub = await addFolder(server, rd, rd.rootFolderId, 1);
    const below = await addFolder(server, rd, sub, 2);
    const a = await addContact(call);
    const b = await addContact(call);
    await call('AssociateMembers', { ContactId: a, Members: [sub] });
    await call('AssociateMembers', { ContactId: b, Members: [sub, below] });
    const bySub = await call('ListMessageContacts', { Member: sub });
    assert.equal(bySub.TotalCount, 2);
    assert.deepEqual(bySub.Contacts.map((c: { ContactId: string }) => c.ContactId), [a, b]);
    for (const c of bySub.Contacts) {
      assert.deepEqual(Object.keys(c).sort(), ['AssociatedDate', 'ContactId', 'CreateDate', 'EmailAddress', 'Members', 'MessageTypes', 'Name', 'PhoneNumber', 'Status', 'Title']);
      assert.match(c.AssociatedDate, DATE);
    }
    // Only direct bindings: the contact bound to `sub` is not listed for the folder below it.
    const byBelow = await call('ListMessageContacts', { Member: below });
    assert.deepEqual(byBelow.Contacts.map((c: { ContactId: string }) => c.ContactId), [b]);
    const one = await call('ListMessageContacts', { ContactId: a });
    assert.deepEqual(one.Contacts.map((c: { ContactId: string; Members: string[] }) => [c.ContactId, c.Members]), [[a, [sub]]]);
    const unbound = await call('ListMessageContacts', { ContactId: await addContact(call) });
    assert.equal(unbound.Contacts[0].AssociatedDate, '');

    const all = await call('ListMessageContacts', { PageSize: 100 });
    assert.equal(all.PageSize, 100);
    const p2 = await call('ListMessageContacts', { PageNumber: 2, PageSize: 3 });
    assert.equal(p2.PageNumber, 2);
    assert.equal(p2.TotalCount, all.TotalCount);
    assert.deepEqual(p2.Contacts.map((c: { ContactId: string }) => c.ContactId), all.Contacts.slice(3, 6).map((c: { ContactId: string }) => c.ContactId));
    assert.deepEqual((await call('ListMessageContacts', { Member: account, PageNumber: 50 })).Contacts, []);
  });

  it('ListMessageContacts errors', async () => {
    await expectError(call('ListMessageContacts', { ContactId: 'c-123' }), 'InvalidParameter.ContactId');
    await expectError(call('ListMessageContacts', { ContactId: '' }), 'InvalidParameter.ContactId');
    await expectError(call('ListMessageContacts', { Member: 'nobody' }), 'InvalidParameter.Member');
    await expectError(call('ListMessageContacts', { ContactId: 'c-0123456789abcdef' }), 'EntityNotExists.Contact');
    await expectError(call('ListMessageContacts', { Member: 'fd-0123456789' }), 'EntityNotExists.Member');
    await expectError(call('ListMessageContacts', { Member: '1111222233334444' }), 'EntityNotExists.Member');
    await expectError(call('ListMessageContacts', { ContactId: 'c-0123456789abcdef', Member: 'fd-0123456789' }), 'EntityNotExists.Contact');
    await expectError(call('ListMessageContacts', { PageNumber: -1 }), 'InvalidParameter.PageNumber');
    await expectError(call('ListMessageContacts', { PageSize: 0 }), 'InvalidParameter.PageSize');
  });
});
