/**
 * The documented quotas are the defaults (no RDC_ setting given here): 20 contacts per directory, 10 targets
 * per contact, 100 verification emails per account and day, 10 verification messages to one address within a
 * minute. Each is met at N and refused at N+1.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { addAccount, addContact, enableDirectory, expectError } from '../../support/contacts.js';
import { errorOf } from '../../support/clients.js';
import { openTestDatabase } from '../../support/database.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';

const send = (call: Call, id: string, email: string) => call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: email });

/** Asserts the per-minute refusal: the documented code and status, a message naming the per-minute limit. */
async function refusedPerMinute(call: Promise<unknown>): Promise<void> {
  const e = await call.then(
    () => assert.fail('expected SendValidateCodeExceedsLimitForAccount'),
    (err) => errorOf(err),
  );
  assert.equal(e.code, 'SendValidateCodeExceedsLimitForAccount');
  assert.equal(e.status, 409);
  assert.equal(e.data?.Message, 'At most 10 verification messages may be sent to the same email address within one minute; try again later.');
}

describe('documented quotas as defaults', () => {
  let server: TestServer;
  let call: Call;
  let rd: ResourceDirectory;
  before(async () => {
    server = await startTestServer();
    call = server.client();
    rd = await enableDirectory(server);
  });
  after(() => server.stop());

  it('defaults: 20 contacts, 10 members, 100 per day, 10 per minute', () => {
    const c = server.app.services.config;
    assert.deepEqual(
      [c.maxContactsPerDirectory, c.maxMembersPerContact, c.verificationDailyLimit, c.verificationPerMinuteLimit],
      [20, 10, 100, 10],
    );
  });

  it('a contact is bound to 10 targets; the 11th is QuotaExceeded.Members', async () => {
    const id = await addContact(call);
    const accounts: string[] = [];
    for (let i = 0; i < 11; i++) accounts.push(await addAccount(server, rd, rd.rootFolderId));
    await call('AssociateMembers', { ContactId: id, Members: accounts.slice(0, 5) });
    await call('AssociateMembers', { ContactId: id, Members: accounts.slice(5, 10) });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Members.length, 10);
    await expectError(call('AssociateMembers', { ContactId: id, Members: [accounts[10]!] }), 'QuotaExceeded.Members');
    await call('DeleteMessageContact', { ContactId: id });
  });

  it('10 verification messages to one address within a minute; the 11th is refused saying so, also from another contact', async () => {
    const address = 'minute@example.com';
    const first = await addContact(call, { EmailAddress: address });
    const second = await addContact(call, { EmailAddress: address });
    const other = await addContact(call, { EmailAddress: 'other-minute@example.com' });
    for (let i = 0; i < 10; i++) await send(call, i < 5 ? first : second, address);
    await refusedPerMinute(send(call, first, address));
    await refusedPerMinute(send(call, second, address));
    // Another address is not held up.
    await send(call, other, 'other-minute@example.com');
    // Once the sends are a minute old, the address may be sent to again (their times moved back in the store).
    const db = openTestDatabase(server.dataDir);
    try {
      await db.updateTable('verification_tokens').set((eb) => ({ created_at: eb('created_at', '-', 61_000) })).where('target', '=', address).execute();
    } finally {
      await db.destroy();
    }
    await send(call, first, address);
    for (const id of [first, second, other]) await call('DeleteMessageContact', { ContactId: id });
  });

  it('20 contacts per directory; the 21st is LimitExceeded.Contacts; 100 emails a day, the 101st refused with the documented message', async () => {
    // The earlier tests deleted their contacts and sent 12 emails today.
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await addContact(call, { EmailAddress: `quota${i}@example.com` }));
    await expectError(addContact(call), 'LimitExceeded.Contacts');
    // 88 more sends (5 or fewer per address, under the per-minute quota) reach 100.
    let sent = 12;
    for (let i = 0; sent < 100; i = (i + 1) % 20, sent++) await send(call, ids[i]!, `quota${i}@example.com`);
    await expectError(send(call, ids[19]!, 'quota19@example.com'), 'SendValidateCodeExceedsLimitForAccount');
  });
});
