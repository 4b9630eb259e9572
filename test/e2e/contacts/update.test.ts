import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { EMAIL, PHONE, addActiveContact, addContact, completeVerification, contactName, enableDirectory, expectError } from '../../support/contacts.js';

describe('UpdateMessageContact, CancelMessageContactUpdate, ListMessageContactVerifications (openapi-client V1)', () => {
  let server: TestServer;
  let call: Call;
  const verifications = async (contactId: string) =>
    (await call('ListMessageContactVerifications', { ContactId: contactId })).ContactVerifications.map((v: { Target: string }) => v.Target);

  before(async () => {
    server = await startTestServer();
    call = server.client('openapi-client-v1');
    await enableDirectory(server);
  });
  after(() => server.stop());

  it("Terraform's sequence: Add, Get at once, Update re-sending every field changes nothing, Delete, Get answers 404", async () => {
    const fields = { Name: contactName(), EmailAddress: EMAIL, PhoneNumber: PHONE, Title: 'ProjectDirector', MessageTypes: ['AccountExpenses', 'FaultMessage'] };
    const added = await call('AddMessageContact', fields);
    const id = added.Contact.ContactId;
    const first = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(first.Status, 'Verifying');
    assert.deepEqual(await verifications(id), [EMAIL, PHONE]);

    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    const before = await server.store.outbox.list(id);
    const update = await call('UpdateMessageContact', { ContactId: id, ...fields });
    assert.deepEqual(Object.keys(update), ['RequestId']);
    assert.deepEqual((await call('GetMessageContact', { ContactId: id })).Contact, first);
    assert.deepEqual(await verifications(id), [EMAIL, PHONE]);
    // The link already sent still works: re-sending the same values voided nothing.
    assert.equal((await completeVerification(server, id, 'email')).outcome, 'verified');
    assert.deepEqual(await server.store.outbox.list(id), before);

    const active = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(active.Status, 'Active');
    await call('UpdateMessageContact', { ContactId: id, ...fields });
    assert.deepEqual((await call('GetMessageContact', { ContactId: id })).Contact, active);
    assert.deepEqual(await verifications(id), [PHONE]);

    const deleted = await call('DeleteMessageContact', { ContactId: id });
    assert.deepEqual(deleted, { RequestId: deleted.RequestId, Status: 'Deleted' });
    await expectError(call('GetMessageContact', { ContactId: id }), 'EntityNotExists.Contact');
    await expectError(call('DeleteMessageContact', { ContactId: id }), 'EntityNotExists.Contact');
  });

  it('UpdateMessageContact changes name, title and message types at once', async () => {
    const id = await addContact(call);
    const name = contactName();
    await call('UpdateMessageContact', { ContactId: id, Name: name, Title: 'CEO', MessageTypes: ['SecurityMessage', 'AccountExpenses'] });
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.Name, name);
    assert.equal(c.Title, 'CEO');
    assert.deepEqual(c.MessageTypes, ['SecurityMessage', 'AccountExpenses']);
    // Renaming a contact to its own name is not "already used".
    await call('UpdateMessageContact', { ContactId: id, Name: name });
  });

  it('UpdateMessageContact of an Active contact: the new email is pending, the verified one stays in effect until verified', async () => {
    const id = await addActiveContact(server, call);
    await call('UpdateMessageContact', { ContactId: id, EmailAddress: 'new@example.com' });
    let c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.EmailAddress, EMAIL);
    assert.equal(c.Status, 'Active');
    assert.deepEqual(await verifications(id), ['new@example.com']);
    // Only the pending target can be sent a verification.
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL }), 'EntityNotExists.Contact.Verification');
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'new@example.com' });
    // A further change before verification replaces the pending target and voids the link sent for it.
    await call('UpdateMessageContact', { ContactId: id, EmailAddress: 'newer@example.com' });
    assert.deepEqual(await verifications(id), ['newer@example.com']);
    assert.equal((await completeVerification(server, id, 'email')).outcome, 'expired');
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'newer@example.com' });
    assert.equal((await completeVerification(server, id, 'email')).outcome, 'verified');
    c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.EmailAddress, 'newer@example.com');
    assert.equal(c.Status, 'Active');
    assert.deepEqual(await verifications(id), []);
  });

  it('UpdateMessageContact of a Verifying contact replaces the shown (still pending) values', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await call('UpdateMessageContact', { ContactId: id, EmailAddress: 'other@example.com', PhoneNumber: '86-13900009999' });
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.EmailAddress, 'other@example.com');
    assert.equal(c.PhoneNumber, '86-13900009999');
    assert.equal(c.Status, 'Verifying');
    assert.deepEqual(await verifications(id), ['other@example.com', '86-13900009999']);
  });

  it('UpdateMessageContact errors, in the order of its table', async () => {
    const id = await addContact(call);
    const taken = contactName();
    await addContact(call, { Name: taken });
    const update = (params: Record<string, unknown>) => call('UpdateMessageContact', { ContactId: id, ...params } as never);
    await expectError(update({ Name: 'tom2' }), 'InvalidParameter.Name');
    await expectError(update({ Name: 'x' }), 'InvalidParameter.Name.Length');
    await expectError(update({ Name: '' }), 'InvalidParameter.Name.Length');
    await expectError(update({ Name: taken }), 'InvalidParameter.Name.AlreadyUsed');
    await expectError(update({ EmailAddress: 'nope' }), 'InvalidParameter.EmailAddress');
    await expectError(update({ EmailAddress: 'a'.repeat(250) + '@example.com' }), 'InvalidParameter.EmailAddress.Length');
    await expectError(update({ PhoneNumber: '86-1' }), 'InvalidParameter.PhoneNumber');
    await expectError(update({ PhoneNumber: '' }), 'InvalidParameter.PhoneNumber');
    await expectError(update({ PhoneNumber: '44-7911123456' }), 'InvalidParameter.MobileCountryCode');
    await expectError(update({ Title: 'King' }), 'InvalidParameter.Title');
    await expectError(update({ MessageTypes: ['Nope'] }), 'InvalidParameter.MessageTypes');
    await expectError(call('UpdateMessageContact', { ContactId: 'c-1', Title: 'CEO' }), 'InvalidParameter.ContactId');
    await expectError(call('UpdateMessageContact', { Title: 'CEO' }), 'MissingParameter.ContactId');
    await expectError(call('UpdateMessageContact', { ContactId: 'c-0123456789abcdef', Title: 'CEO' }), 'EntityNotExists.Contact');
    // Table order: Name checks come before ContactId checks.
    await expectError(call('UpdateMessageContact', { ContactId: 'bad', Name: 'x1' }), 'InvalidParameter.Name');
    // Nothing changed.
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.EmailAddress, EMAIL);
    assert.equal(c.Title, 'TechnicalDirector');
  });

  it('CancelMessageContactUpdate drops a pending email; the verified one stays', async () => {
    const id = await addActiveContact(server, call);
    await call('UpdateMessageContact', { ContactId: id, EmailAddress: 'pending@example.com' });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'pending@example.com' });
    const body = await call('CancelMessageContactUpdate', { ContactId: id, EmailAddress: 'pending@example.com' });
    assert.deepEqual(Object.keys(body), ['RequestId']);
    assert.deepEqual(await verifications(id), []);
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.EmailAddress, EMAIL);
    // The link sent for the cancelled address no longer verifies anything.
    assert.equal((await completeVerification(server, id, 'email')).outcome, 'expired');
    // Nothing pending any more: nothing to cancel.
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, EmailAddress: 'pending@example.com' }), 'ContactStatusMismatchAction');
  });

  it("CancelMessageContactUpdate of a new contact's phone removes it; its never-verified email cannot be cancelled", async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: PHONE });
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.PhoneNumber, '');
    assert.deepEqual(await verifications(id), [EMAIL]);
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, EmailAddress: EMAIL }), 'ContactStatusMismatchAction');
  });

  it('CancelMessageContactUpdate errors', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await expectError(call('CancelMessageContactUpdate', {}), 'MissingParameter.ContactId');
    await expectError(call('CancelMessageContactUpdate', { ContactId: '' }), 'MissingParameter.ContactId');
    await expectError(call('CancelMessageContactUpdate', { ContactId: 'c-!' }), 'InvalidParameter.ContactId');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: '139' }), 'InvalidParameter.PhoneNumber');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: '852-91234567' }), 'InvalidParameter.MobileCountryCode');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, EmailAddress: 'x@' }), 'InvalidParameter.EmailAddress');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id }), 'ContactStatusMismatchAction');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: '86-13911112222' }), 'ContactStatusMismatchAction');
    await expectError(call('CancelMessageContactUpdate', { ContactId: 'c-0123456789abcdef', PhoneNumber: PHONE }), 'EntityNotExists.Contact');
    assert.deepEqual(await verifications(id), [EMAIL, PHONE]);
  });

  it('ListMessageContactVerifications lists every pending record of the directory, paged; errors', async () => {
    const all = await call('ListMessageContactVerifications', {});
    assert.deepEqual(Object.keys(all).sort(), ['ContactVerifications', 'PageNumber', 'PageSize', 'RequestId', 'TotalCount']);
    assert.equal(all.PageNumber, 1);
    assert.equal(all.PageSize, 10);
    assert.ok(all.TotalCount > 3);
    const page1 = await call('ListMessageContactVerifications', { PageNumber: 1, PageSize: 2 });
    const page2 = await call('ListMessageContactVerifications', { PageNumber: 2, PageSize: 2 });
    assert.equal(page1.ContactVerifications.length, 2);
    assert.equal(page1.TotalCount, all.TotalCount);
    assert.deepEqual([...page1.ContactVerifications, ...page2.ContactVerifications], all.ContactVerifications.slice(0, 4));
    for (const v of all.ContactVerifications) assert.deepEqual(Object.keys(v).sort(), ['ContactId', 'Target']);
    const far = await call('ListMessageContactVerifications', { PageNumber: 99 });
    assert.deepEqual(far.ContactVerifications, []);

    await expectError(call('ListMessageContactVerifications', { ContactId: 'nope' }), 'InvalidParameter.ContactId');
    await expectError(call('ListMessageContactVerifications', { ContactId: '' }), 'MissingParameter.ContactId');
    await expectError(call('ListMessageContactVerifications', { ContactId: 'c-0123456789abcdef' }), 'EntityNotExists.Contact');
    await expectError(call('ListMessageContactVerifications', { PageNumber: 0 }), 'InvalidParameter.PageNumber');
    await expectError(call('ListMessageContactVerifications', { PageSize: 101 }), 'InvalidParameter.PageSize');
    await expectError(call('ListMessageContactVerifications', { PageSize: 'ten' }), 'InvalidParameter.PageSize');
  });
});
