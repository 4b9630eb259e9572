/**
 * Without SMTP or an SMS provider, published notices are captured in the outbox exactly as verification
 * messages are, each entry naming its message (MessageId; null for verification messages); and housekeeping
 * removes messages past RDC_MESSAGE_RETENTION.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { addAccount, addContact, enableDirectory, expectError } from '../../support/contacts.js';
import { seedContact, settledMessage, type SeededContact } from '../../support/messages.js';
import type { Call } from '../../support/clients.js';

describe('notices captured in the outbox', () => {
  let server: TestServer;
  let call: Call;
  let account: string;
  let contact: SeededContact;

  before(async () => {
    server = await startTestServer({ RDC_MESSAGE_RETENTION: '86400' });
    call = server.extensionClient();
    const rd = await enableDirectory(server);
    account = await addAccount(server, rd, rd.rootFolderId);
    contact = await seedContact(server.store, rd, ['ProductMessage'], [account], '86-13900000009');
  });
  after(() => server.stop());

  const outbox = async () => (await (await fetch(`${server.url}/_rdc/outbox`)).json()).Messages as any[];

  it('the email and SMS of a notice are outbox entries with its MessageId; a verification message has MessageId null', async () => {
    const { MessageId } = await call('PublishMessage', { MessageType: 'ProductMessage', Subject: 'New region', Content: 'Hangzhou zone K is open.', TargetId: account });
    const message = await settledMessage(call, MessageId);
    assert.deepEqual(message.Deliveries.map((d: any) => [d.Channel, d.State]).sort(), [['email', 'Sent'], ['sms', 'Sent']]);
    const entries = (await outbox()).filter((m) => m.MessageId === MessageId);
    assert.deepEqual(entries.map((m) => [m.Channel, m.To, m.ContactId]).sort(), [['email', contact.email, contact.id], ['sms', contact.phone, contact.id]]);
    const email = entries.find((m) => m.Channel === 'email');
    assert.equal(email.Subject, '[ProductMessage] New region');
    assert.ok(email.Text.includes('Hangzhou zone K is open.') && email.Text.includes(account));
    assert.deepEqual(Object.keys(email).sort(), ['Channel', 'Code', 'ContactId', 'Id', 'Link', 'MessageId', 'SentAt', 'Subject', 'Text', 'To']);

    const verifying = await addContact(server.client(), { EmailAddress: 'v@example.com' });
    await server.client()('SendEmailVerificationForMessageContact', { ContactId: verifying, EmailAddress: 'v@example.com' });
    const verification = (await outbox()).find((m) => m.ContactId === verifying);
    assert.equal(verification.MessageId, null);
  });

  it('housekeeping removes a message, its accounts, recipients and deliveries after RDC_MESSAGE_RETENTION', async () => {
    const { MessageId } = await call('PublishMessage', { MessageType: 'ProductMessage', Subject: 'old', Content: 'c', TargetId: account });
    await settledMessage(call, MessageId);
    const kept = await server.app.services.housekeeping.runOnce(Date.now() + 3600_000);
    assert.equal(kept.messages, 0, 'within the retention nothing goes');
    const removed = await server.app.services.housekeeping.runOnce(Date.now() + 86_400_000 + 60_000);
    assert.ok(removed.messages >= 2);
    await expectError(call('GetMessage', { MessageId }), 'EntityNotExists.Message');
    assert.equal((await call('ListMessages')).TotalCount, 0);
    const messages = server.store.messages;
    assert.deepEqual([await messages.recordedAccountsOf(MessageId), await messages.recipientsOf(MessageId), await messages.deliveriesOf(MessageId)], [[], [], []]);
  });

  it('a contact covering more accounts than a notice names: one email naming 50 with display names, how many more, and GetMessage lists them all', async () => {
    const rd = await server.app.services.directory.require(server.root.accountId);
    const more = [];
    for (let i = 0; i < 59; i++) more.push(await addAccount(server, rd, rd.rootFolderId));
    const everyone = await seedContact(server.store, rd, ['ServiceMessage'], [rd.id]);
    const one = await seedContact(server.store, rd, ['ServiceMessage'], [more[0]!]);
    const { MessageId, AccountCount, RecipientCount } = await call('PublishMessage', { MessageType: 'ServiceMessage', Subject: 'Upgrade', Content: 'Planned.', TargetId: rd.id });
    assert.deepEqual([AccountCount, RecipientCount], [60, 2]);
    const message = await settledMessage(call, MessageId);
    const all = [account, ...more].sort();
    assert.deepEqual([message.AccountIds, message.UncoveredAccountIds], [all, []]);
    const emails = (await outbox()).filter((m) => m.MessageId === MessageId && m.Channel === 'email');
    assert.deepEqual(emails.map((m) => m.To).sort(), [everyone.email, one.email].sort(), 'one email per recipient');
    const wide = emails.find((m) => m.To === everyone.email).Text as string;
    const named = all.filter((id) => wide.includes(`${id} acct-${id}`));
    assert.equal(named.length, 50, 'fifty accounts named, each with its display name');
    assert.ok(wide.includes('concerns 60 member account(s)') && wide.includes(`… and 10 more: GetMessage ${MessageId} lists every account of this message.`), wide);
    const narrow = emails.find((m) => m.To === one.email).Text as string;
    assert.ok(narrow.includes(`concerns 1 member account(s)`) && narrow.includes(`${more[0]} acct-${more[0]}`) && !narrow.includes('more:'), narrow);
    const listed = await call('ListMessages', { AccountId: more[58]! });
    assert.deepEqual(listed.Messages.map((m: any) => m.MessageId), [MessageId], 'ListMessages by AccountId finds it');
  });
});
