import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { EMAIL, PHONE, addContact, contactName, enableDirectory, expectError } from '../../support/contacts.js';

const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('AddMessageContact and GetMessageContact (openapi-core V3)', () => {
  let server: TestServer;
  let call: Call;
  before(async () => {
    server = await startTestServer({ RDC_MAX_CONTACTS_PER_DIRECTORY: '4' });
    call = server.client('openapi-core-v3');
  });
  after(() => server.stop());

  it('every message-contact operation without an enabled directory: EntityNotExists.ResourceDirectory', async () => {
    const id = 'c-0123456789abcdef';
    await expectError(call('AddMessageContact', { Name: 'tom', EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('UpdateMessageContact', { ContactId: id, Title: 'CEO' }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('DeleteMessageContact', { ContactId: id }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('GetMessageContact', { ContactId: id }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('ListMessageContacts', {}), 'EntityNotExists.ResourceDirectory');
    await expectError(call('AssociateMembers', { ContactId: id, Members: ['fd-0123456789'] }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: ['fd-0123456789'] }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: PHONE }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('GetMessageContactDeletionStatus', { ContactId: id }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('ListMessageContactVerifications', {}), 'EntityNotExists.ResourceDirectory');
    // A malformed request is refused for what it is, directory or not.
    await expectError(call('GetMessageContact', { ContactId: 'bogus' }), 'InvalidParameter.ContactId');
    await enableDirectory(server);
  });

  it('AddMessageContact answers {RequestId, Contact: {ContactId, CreateDate}} in the documented formats', async () => {
    const before = Date.now();
    const body = await call('AddMessageContact', { Name: 'tom', EmailAddress: 'Someone.Else+x@Example.com', PhoneNumber: PHONE, Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses', 'SecurityMessage'] });
    assert.deepEqual(Object.keys(body).sort(), ['Contact', 'RequestId']);
    assert.match(body.RequestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    assert.deepEqual(Object.keys(body.Contact).sort(), ['ContactId', 'CreateDate']);
    assert.match(body.Contact.ContactId, /^c-[0-9A-Za-z]{16}$/);
    assert.match(body.Contact.CreateDate, DATE);
    // UTC, to the second.
    const created = Date.parse(body.Contact.CreateDate.replace(' ', 'T') + 'Z');
    assert.ok(created >= Math.floor(before / 1000) * 1000 && created <= Date.now(), 'CreateDate is now, in UTC');

    // Terraform calls Get at once after Add.
    const got = await call('GetMessageContact', { ContactId: body.Contact.ContactId });
    assert.deepEqual(got.Contact, {
      ContactId: body.Contact.ContactId,
      Name: 'tom',
      EmailAddress: 'Someone.Else+x@Example.com',
      PhoneNumber: PHONE,
      Title: 'TechnicalDirector',
      MessageTypes: ['AccountExpenses', 'SecurityMessage'],
      Members: [],
      Status: 'Verifying',
      CreateDate: body.Contact.CreateDate,
    });
  });

  it('AddMessageContact keeps the order of MessageTypes, counts a repeated type once, and accepts CJK names', async () => {
    const id = await addContact(call, { Name: '张三丰', MessageTypes: ['ServiceMessage', 'FaultMessage', 'ServiceMessage'] });
    const got = await call('GetMessageContact', { ContactId: id });
    assert.equal(got.Contact.Name, '张三丰');
    assert.deepEqual(got.Contact.MessageTypes, ['ServiceMessage', 'FaultMessage']);
    assert.equal(got.Contact.PhoneNumber, '');
  });

  it('AddMessageContact parameter errors, each with its documented code, status and message', async () => {
    const valid = { Name: contactName(), EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] };
    const add = (params: Record<string, unknown>) => call('AddMessageContact', { ...valid, ...params } as never);
    await expectError(add({ Name: undefined }), 'MissingParameter.Name');
    await expectError(add({ Name: '' }), 'MissingParameter.Name');
    await expectError(add({ Name: 'tom1' }), 'InvalidParameter.Name');
    await expectError(add({ Name: 'tom smith' }), 'InvalidParameter.Name');
    await expectError(add({ Name: 't' }), 'InvalidParameter.Name.Length');
    await expectError(add({ Name: 'abcdefghijklm' }), 'InvalidParameter.Name.Length');
    await expectError(add({ EmailAddress: undefined }), 'MissingParameter.EmailAddress');
    await expectError(add({ EmailAddress: '' }), 'MissingParameter.EmailAddress');
    await expectError(add({ EmailAddress: 'someone' }), 'InvalidParameter.EmailAddress');
    await expectError(add({ EmailAddress: 'a..b@example.com' }), 'InvalidParameter.EmailAddress');
    await expectError(add({ EmailAddress: 'a@localhost' }), 'InvalidParameter.EmailAddress');
    await expectError(add({ EmailAddress: 'a'.repeat(250) + '@example.com' }), 'InvalidParameter.EmailAddress.Length');
    await expectError(add({ PhoneNumber: '' }), 'MissingParameter.PhoneNumber');
    await expectError(add({ PhoneNumber: '13900001234' }), 'InvalidParameter.PhoneNumber');
    await expectError(add({ PhoneNumber: '86-23900001234' }), 'InvalidParameter.PhoneNumber');
    await expectError(add({ PhoneNumber: '1-2025550123' }), 'InvalidParameter.MobileCountryCode');
    await expectError(add({ Title: undefined }), 'MissingParameter.Title');
    await expectError(add({ Title: 'Boss' }), 'InvalidParameter.Title');
    await expectError(add({ MessageTypes: undefined }), 'MissingParameter.MessageTypes');
    await expectError(add({ MessageTypes: ['AccountExpenses', 'Spam'] }), 'InvalidParameter.MessageTypes');
    // Two problems: the one earlier in the error table answers.
    await expectError(add({ Name: 'x', EmailAddress: 'bad' }), 'InvalidParameter.Name.Length');
    await expectError(add({ Title: 'Boss', PhoneNumber: 'bad' }), 'InvalidParameter.PhoneNumber');
    await expectError(add({ EmailAddress: 'a'.repeat(250) + '@example.com', PhoneNumber: '1-2025550123' }), 'InvalidParameter.MobileCountryCode');
    const list = await call('ListMessageContacts', { PageSize: 100 });
    assert.ok(!list.Contacts.some((c: { Name: string }) => c.Name === valid.Name), 'a refused Add created nothing');
  });

  it('AddMessageContact: InvalidParameter.Name.AlreadyUsed (case-sensitive), and syntax errors come before it', async () => {
    const name = contactName();
    await addContact(call, { Name: name });
    await expectError(call('AddMessageContact', { Name: name, EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }), 'InvalidParameter.Name.AlreadyUsed');
    await expectError(call('AddMessageContact', { Name: name, EmailAddress: 'bad', Title: 'CEO', MessageTypes: ['AccountExpenses'] }), 'InvalidParameter.EmailAddress');
    const other = await addContact(call, { Name: name.toUpperCase() });
    assert.match(other, /^c-/);
  });

  it('AddMessageContact: LimitExceeded.Contacts at RDC_MAX_CONTACTS_PER_DIRECTORY', async () => {
    const list = await call('ListMessageContacts', {});
    for (let i = list.TotalCount; i < 4; i++) await addContact(call);
    await expectError(call('AddMessageContact', { Name: contactName(), EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }), 'LimitExceeded.Contacts');
    // Name.AlreadyUsed is earlier in the table than LimitExceeded.Contacts.
    await expectError(call('AddMessageContact', { Name: 'tom', EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }), 'InvalidParameter.Name.AlreadyUsed');
    assert.equal((await call('ListMessageContacts', {})).TotalCount, 4);
  });

  it('GetMessageContact errors: InvalidParameter.ContactId, MissingParameter.ContactId, EntityNotExists.Contact', async () => {
    await expectError(call('GetMessageContact', { ContactId: 'bogus' }), 'InvalidParameter.ContactId');
    await expectError(call('GetMessageContact', { ContactId: 'c-short' }), 'InvalidParameter.ContactId');
    await expectError(call('GetMessageContact', {}), 'MissingParameter.ContactId');
    await expectError(call('GetMessageContact', { ContactId: '' }), 'MissingParameter.ContactId');
    await expectError(call('GetMessageContact', { ContactId: 'c-0123456789abcdef' }), 'EntityNotExists.Contact');
  });
});

describe('tenants do not see each other (openapi-client V1)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it("another tenant's contact and directory answer exactly as missing ones", async () => {
    const call = server.client('openapi-client-v1');
    await enableDirectory(server);
    const mine = await addContact(call);
    // A second tenant with its own directory and contact, made through the domain services.
    const otherAccount = '2000000000000001';
    const otherRd = await server.app.services.directory.enable(otherAccount, false);
    const foreign = await server.app.services.contacts.add(otherRd, { name: 'Jerry', email: EMAIL, phone: undefined, title: 'CEO', messageTypes: ['AccountExpenses'] });
    await expectError(call('GetMessageContact', { ContactId: foreign.id }), 'EntityNotExists.Contact');
    await expectError(call('UpdateMessageContact', { ContactId: foreign.id, Title: 'Other' }), 'EntityNotExists.Contact');
    await expectError(call('DeleteMessageContact', { ContactId: foreign.id }), 'EntityNotExists.Contact');
    await expectError(call('AssociateMembers', { ContactId: mine, Members: [otherRd.id] }), 'InvalidMember');
    await expectError(call('AssociateMembers', { ContactId: mine, Members: [otherRd.rootFolderId] }), 'InvalidMember');
    const list = await call('ListMessageContacts', {});
    assert.deepEqual(list.Contacts.map((c: { ContactId: string }) => c.ContactId), [mine]);
    // The same name is free in another directory.
    assert.equal((await call('GetMessageContact', { ContactId: mine })).Contact.Status, 'Verifying');
    assert.equal((await server.app.services.contacts.get(otherRd, foreign.id)).name, 'Jerry');
  });
});
