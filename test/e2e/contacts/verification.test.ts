import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { EMAIL, PHONE, addContact, completeVerification, enableDirectory, expectError, lastMessage, tokenOf } from '../../support/contacts.js';
import { openTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';

describe('SendEmail/SendPhoneVerificationForMessageContact and completing a verification (pop-core POST)', () => {
  let server: TestServer;
  let call: Call;
  before(async () => {
    server = await startTestServer({ RDC_PUBLIC_URL: 'https://contacts.example.com/rd/', RDC_VERIFICATION_DAILY_LIMIT: '40' });
    call = server.client('pop-core-post');
    await enableDirectory(server);
  });
  after(() => server.stop());

  it('SendEmailVerificationForMessageContact sends a link; confirming it makes the contact Active', async () => {
    const id = await addContact(call, { Name: 'Alice' });
    const body = await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    assert.deepEqual(Object.keys(body), ['RequestId']);
    const message = await lastMessage(server, id, 'email');
    assert.equal(message.to, EMAIL);
    assert.equal(message.code, null);
    assert.match(message.link, /^https:\/\/contacts\.example\.com\/rd\/verify\/[A-Za-z0-9_-]{43}$/);
    assert.ok(message.text.includes(message.link), 'the text carries the link');
    assert.match(message.subject, /Alice/);

    const token = tokenOf(message.link);
    assert.deepEqual(await server.app.services.verification.inspect(token), { state: 'valid', contactName: 'Alice', channel: 'email', target: EMAIL });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Verifying');
    assert.deepEqual(await server.app.services.verification.confirm(token), { outcome: 'verified', contactName: 'Alice', channel: 'email', target: EMAIL });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Active');
    // Single use.
    assert.deepEqual(await server.app.services.verification.confirm(token), { outcome: 'used' });
    assert.equal((await server.app.services.verification.inspect(token)).state, 'used');
    // The address is verified: nothing pending, nothing more to send.
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL }), 'EntityNotExists.Contact.Verification');
  });

  it('each send issues a fresh token and voids the earlier ones; tokens and codes are stored only hashed', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    const first = tokenOf((await lastMessage(server, id, 'email')).link);
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    const second = tokenOf((await lastMessage(server, id, 'email')).link);
    assert.notEqual(first, second);
    assert.equal((await server.app.services.verification.inspect(first)).state, 'expired');
    assert.deepEqual(await server.app.services.verification.confirm(first), { outcome: 'expired' });
    assert.equal((await server.app.services.verification.inspect(second)).state, 'valid');

    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    const sms = await lastMessage(server, id, 'sms');
    assert.match(sms.code ?? '', /^\d{6}$/);
    const db = openTestDatabase(server.dataDir);
    try {
      const rows = await db.selectFrom('verification_tokens').selectAll().where('contact_id', '=', id).execute();
      assert.equal(rows.length, 3);
      const stored = JSON.stringify(rows);
      for (const secret of [first, second, tokenOf(sms.link), sms.code!]) assert.ok(!stored.includes(secret), 'no token or code in clear');
    } finally {
      await db.destroy();
    }
  });

  it('SMS: the code is required, wrong codes count, the fifth voids the token; the right code makes the phone effective', async () => {
    const verification = server.app.services.verification;
    const id = await addContact(call, { PhoneNumber: PHONE });
    await call('UpdateMessageContact', { ContactId: id, PhoneNumber: '86-13911112222' });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13911112222' });
    const sms = await lastMessage(server, id, 'sms');
    const token = tokenOf(sms.link);
    const wrong = sms.code === '000000' ? '111111' : '000000';
    assert.deepEqual(await verification.inspect(token), { state: 'valid', contactName: (await call('GetMessageContact', { ContactId: id })).Contact.Name, channel: 'sms', target: '86-13911112222' });
    assert.deepEqual(await verification.confirm(token), { outcome: 'code-required' });
    for (let left = 4; left >= 1; left--) assert.deepEqual(await verification.confirm(token, wrong), { outcome: 'wrong-code', attemptsLeft: left });
    assert.deepEqual(await verification.confirm(token, wrong), { outcome: 'expired' });
    assert.deepEqual(await verification.confirm(token, sms.code!), { outcome: 'expired' }, 'a voided token stays void');

    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13911112222' });
    assert.equal((await completeVerification(server, id, 'sms')).outcome, 'verified');
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(c.PhoneNumber, '86-13911112222');
    // A verified phone does not make the contact Active: only the email does.
    assert.equal(c.Status, 'Verifying');
    // pop-core parses with json-bigint: objects without a prototype, hence the spread.
    const pending = (await call('ListMessageContactVerifications', { ContactId: id })).ContactVerifications.map((v: object) => ({ ...v }));
    assert.deepEqual(pending, [{ ContactId: id, Target: EMAIL }]);
  });

  it('when the delivery fails (the outbox is unavailable) a send answers ServiceUnavailable and counts nothing', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    const db = openTestDatabase(server.dataDir);
    try {
      await db.schema.alterTable('outbox').renameTo('outbox_away').execute();
      await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL }), 'ServiceUnavailable');
      await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE }), 'ServiceUnavailable');
      const tokens = await db.selectFrom('verification_tokens').select('id').where('contact_id', '=', id).execute();
      assert.equal(tokens.length, 0, 'no token of an undelivered message is kept');
    } finally {
      await db.schema.alterTable('outbox_away').renameTo('outbox').execute();
      await db.destroy();
    }
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    assert.equal((await completeVerification(server, id, 'email')).outcome, 'verified');
  });

  it('an unknown or malformed token is unknown', async () => {
    const verification = server.app.services.verification;
    assert.deepEqual(await verification.inspect('A'.repeat(43)), { state: 'unknown' });
    assert.deepEqual(await verification.inspect('../etc/passwd'), { state: 'unknown' });
    assert.deepEqual(await verification.confirm(''), { outcome: 'unknown' });
  });

  it('SendEmailVerificationForMessageContact errors', async () => {
    const id = await addContact(call);
    await expectError(call('SendEmailVerificationForMessageContact', { EmailAddress: EMAIL }), 'MissingParameter.ContactId');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: 'c_0123456789abcdef', EmailAddress: EMAIL }), 'InvalidParameter.ContactId');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id }), 'MissingParameter.EmailAddress');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: '' }), 'MissingParameter.EmailAddress');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'someone@' }), 'InvalidParameter.EmailAddress');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: 'c-0123456789abcdef', EmailAddress: EMAIL }), 'EntityNotExists.Contact');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'SOMEONE@example.com' }), 'EntityNotExists.Contact.Verification');
    // Table order: a missing ContactId comes before a bad address.
    await expectError(call('SendEmailVerificationForMessageContact', { EmailAddress: 'bad' }), 'MissingParameter.ContactId');
    assert.deepEqual(await server.store.outbox.list(id), []);
  });

  it('SendPhoneVerificationForMessageContact errors', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await expectError(call('SendPhoneVerificationForMessageContact', { PhoneNumber: PHONE }), 'MissingParameter.ContactId');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: 'x', PhoneNumber: PHONE }), 'InvalidParameter.ContactId');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id }), 'MissingParameter.PhoneNumber');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-139' }), 'InvalidParameter.PhoneNumber');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '81-9012345678' }), 'InvalidParameter.MobileCountryCode');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: 'c-0123456789abcdef', PhoneNumber: PHONE }), 'EntityNotExists.Contact');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13900000000' }), 'EntityNotExists.Contact.Verification');
    assert.deepEqual(await server.store.outbox.list(id), []);
  });
});

describe('verification limits: daily sends per account and channel, link expiry (pop-core GET)', () => {
  let server: TestServer;
  let call: Call;
  before(async () => {
    server = await startTestServer({ RDC_VERIFICATION_DAILY_LIMIT: '2', RDC_VERIFICATION_TTL: '1' });
    call = server.client('pop-core-get');
    await enableDirectory(server);
  });
  after(() => server.stop());

  it('links go to the server itself by default and expire after RDC_VERIFICATION_TTL', async () => {
    const id = await addContact(call);
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    const message = await lastMessage(server, id, 'email');
    assert.ok(message.link.startsWith(`${server.url}/verify/`), message.link);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await server.app.services.verification.inspect(tokenOf(message.link))).state, 'expired');
    assert.deepEqual(await completeVerification(server, id, 'email'), { outcome: 'expired' });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Verifying');
  });

  it('SendValidateCodeExceedsLimitForAccount after RDC_VERIFICATION_DAILY_LIMIT successful sends per channel', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    // Refused sends do not count.
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'other@example.com' }), 'EntityNotExists.Contact.Verification');
    // One email was sent by the test before: one more is allowed today.
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL }), 'SendValidateCodeExceedsLimitForAccount');
    // The SMS channel has its own count.
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE }), 'SendValidateCodeExceedsLimitForAccount');
    const sent = await server.store.outbox.list(id);
    assert.deepEqual(sent.map((m) => m.channel), ['email', 'sms', 'sms']);
    // The limit is per account, not per contact.
    const other = await addContact(call);
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: other, EmailAddress: EMAIL }), 'SendValidateCodeExceedsLimitForAccount');
  });
});

describe('a verification link of a contact being deleted', () => {
  let server: TestServer;
  let call: Call;
  before(async () => {
    server = await startTestServer({ RDC_CONTACT_DELETION_DELAY: '2' });
    call = server.client('pop-core-post');
    await enableDirectory(server);
  });
  after(() => server.stop());

  it('confirms nothing: the page answers 409 saying the contact is being deleted, and the deletion completes', async () => {
    const id = await addContact(call, { Name: 'Leaving' });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    const link = (await lastMessage(server, id, 'email')).link;
    await call('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Deleting');

    const shown = await fetch(link);
    assert.equal(shown.status, 409, 'the page does not offer the button');
    assert.match(await shown.text(), /being deleted/);
    const pressed = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    assert.equal(pressed.status, 409);
    assert.match(await pressed.text(), /being deleted/);
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Deleting', 'still Deleting, not Active');

    await eventually('the deletion to complete', async () =>
      call('GetMessageContact', { ContactId: id }).then(
        () => false,
        (err: any) => err.code === 'EntityNotExists.Contact',
      ),
    );
  });
});
