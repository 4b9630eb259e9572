/**
 * PublishMessage, GetMessage and ListMessages end to end through the official client (openapi-core
 * callApi, Version 2026-12-01): a real SMTP server and the SMS webhook provider on loopback; publishing to an
 * account, a folder and the directory; one mail per recipient naming its accounts; the delivery log; a
 * ClientToken repeat; the daily limit.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { startSmtp, type TestSmtp } from '../../support/smtp.js';
import { startReceiver, type Receiver } from '../../support/receiver.js';
import { addAccount, addFolder, enableDirectory, expectError } from '../../support/contacts.js';
import { seedContact, settledMessage, type SeededContact } from '../../support/messages.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import type { Call } from '../../support/clients.js';

const SMS_SECRET = 'sms-webhook-secret-0123456789';

describe('publishing notices over email and SMS', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let sms: Receiver;
  let call: Call;
  let rd: ResourceDirectory;
  let folder: string;
  let a1: string, a2: string, a3: string, a4: string;
  let alice: SeededContact, bob: SeededContact, carol: SeededContact;

  before(async () => {
    smtp = await startSmtp();
    sms = await startReceiver();
    server = await startTestServer({ RDC_SMTP_URL: smtp.url, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true', RDC_SMS_PROVIDER: 'webhook', RDC_SMS_WEBHOOK_URL: sms.url + '/sms', RDC_SMS_WEBHOOK_SECRET: SMS_SECRET, RDC_MESSAGE_DAILY_LIMIT: '4' });
    call = server.extensionClient();
    rd = await enableDirectory(server);
    folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const other = await addFolder(server, rd, rd.rootFolderId, 1);
    a1 = await addAccount(server, rd, folder);
    a2 = await addAccount(server, rd, folder);
    a3 = await addAccount(server, rd, rd.rootFolderId);
    a4 = await addAccount(server, rd, other);
    // alice: every account, email and SMS; bob: the folder; carol: account a3; dave: another type only.
    alice = await seedContact(server.store, rd, ['FaultMessage', 'ServiceMessage'], [rd.id], '86-13900000001');
    bob = await seedContact(server.store, rd, ['FaultMessage'], [folder]);
    carol = await seedContact(server.store, rd, ['FaultMessage'], [a3]);
    await seedContact(server.store, rd, ['SecurityMessage'], [rd.id, a4]);
  });
  after(async () => {
    await server?.stop();
    await smtp?.close();
    await sms?.close();
  });

  const mailsTo = (address: string, messageId: string) => smtp.mails.filter((m) => m.to.includes(address) && m.text.includes(messageId));

  it('to an account: each recipient of it gets one email (and SMS where the phone is verified); the log shows every delivery Sent', async () => {
    const published = await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 'Disk <full>', Content: 'The disk of db-1 is full.\nAct now & quickly.', TargetId: a1 });
    assert.match(published.MessageId, /^m-[0-9A-Za-z]{16}$/);
    assert.deepEqual([published.AccountCount, published.RecipientCount], [1, 2]);
    assert.match(published.RequestId, /^[0-9A-F-]{36}$/);
    const message = await settledMessage(call, published.MessageId);
    assert.deepEqual(
      message.Deliveries.map((d: any) => [d.Channel, d.To, d.ContactId, d.State, d.Attempts]).sort(),
      [
        ['email', alice.email, alice.id, 'Sent', 1],
        ['email', bob.email, bob.id, 'Sent', 1],
        ['sms', alice.phone, alice.id, 'Sent', 1],
      ].sort(),
    );
    assert.ok(message.Deliveries.every((d: any) => d.SentTime !== '' && d.LastError === '' && d.WebhookId === ''));
    assert.deepEqual([message.AccountIds, message.UncoveredAccountIds, message.TargetId, message.MessageType], [[a1], [], a1, 'FaultMessage']);
    assert.equal(message.Content, 'The disk of db-1 is full.\nAct now & quickly.');

    const [mail] = mailsTo(alice.email, published.MessageId);
    assert.ok(mail, 'alice got the email');
    assert.equal(mail.subject, '[FaultMessage] Disk <full>');
    assert.ok(mail.text.includes('The disk of db-1 is full.') && mail.text.includes(`${a1} acct-${a1}`), 'the text names the account');
    assert.ok(mail.html.includes('Disk &lt;full&gt;') && mail.html.includes('Act now &amp; quickly.') && !mail.html.includes('<full>'), 'values are escaped in HTML');
    assert.equal(mailsTo(bob.email, published.MessageId).length, 1);
    const text = sms.requests.map((r) => JSON.parse(r.body)).find((b) => b.To === alice.phone && b.Text.includes(published.MessageId));
    assert.ok(text, 'the SMS went through the webhook provider');
    assert.match(text.Text, /^\[FaultMessage\] Disk <full> \(1 account\(s\): \d{16}\)/);
  });

  it('to a folder and to the directory: a contact covering many accounts gets ONE email naming them all; accounts nobody receives are recorded', async () => {
    const toFolder = await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 'Folder notice', Content: 'x', TargetId: folder });
    assert.deepEqual([toFolder.AccountCount, toFolder.RecipientCount], [2, 2]);
    const toAll = await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 'Everyone', Content: 'y', TargetId: rd.id });
    assert.deepEqual([toAll.AccountCount, toAll.RecipientCount], [4, 3]);
    await settledMessage(call, toFolder.MessageId);
    const all = await settledMessage(call, toAll.MessageId);
    assert.deepEqual(all.AccountIds, [a1, a2, a3, a4].sort());
    assert.deepEqual(all.UncoveredAccountIds, [], 'alice covers every account');

    const bobMails = mailsTo(bob.email, toAll.MessageId);
    assert.equal(bobMails.length, 1, 'one email for both of bob’s accounts');
    for (const a of [a1, a2]) assert.ok(bobMails[0]!.text.includes(`${a} acct-${a}`));
    assert.ok(!bobMails[0]!.text.includes(a3), 'only the accounts bob covers');
    const aliceMails = mailsTo(alice.email, toAll.MessageId);
    assert.equal(aliceMails.length, 1);
    for (const a of [a1, a2, a3, a4]) assert.ok(aliceMails[0]!.text.includes(a));
    assert.equal(mailsTo(carol.email, toAll.MessageId).length, 1);
    assert.equal(mailsTo(carol.email, toFolder.MessageId).length, 0, 'carol does not cover the folder');

    // SecurityMessage: only the contact bound to the directory and a4 receives it; nobody has ActivityMessage.
    const nobody = await call('PublishMessage', { MessageType: 'ActivityMessage', Subject: 'Nobody', Content: 'z', TargetId: rd.rootFolderId });
    assert.deepEqual([nobody.AccountCount, nobody.RecipientCount], [4, 0]);
    const none = await settledMessage(call, nobody.MessageId);
    assert.deepEqual([none.Deliveries, none.UncoveredAccountIds], [[], [a1, a2, a3, a4].sort()]);
  });

  it('a ClientToken repeat answers the first call and sends nothing more', async () => {
    const params = { MessageType: 'ServiceMessage', Subject: 'Once', Content: 'only once', TargetId: a2, ClientToken: 'token-123' };
    const first = await call('PublishMessage', params);
    await settledMessage(call, first.MessageId);
    const before = smtp.mails.length;
    const again = await call('PublishMessage', params);
    assert.deepEqual([again.MessageId, again.AccountCount, again.RecipientCount], [first.MessageId, first.AccountCount, first.RecipientCount]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(smtp.mails.length, before, 'no mail for the repeat');
    const listed = await call('ListMessages', { MessageType: 'ServiceMessage' });
    assert.equal(listed.TotalCount, 1);
  });

  it('ListMessages: newest first, by type and by account', async () => {
    const all = await call('ListMessages', { PageSize: 100 });
    assert.ok(all.TotalCount >= 5);
    const times = all.Messages.map((m: any) => m.CreateTime);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.deepEqual(Object.keys(all.Messages[0]).sort(), ['AccountCount', 'CreateTime', 'MessageId', 'MessageType', 'RecipientCount', 'Subject', 'TargetId']);
    const ofA3 = await call('ListMessages', { AccountId: a3, MessageType: 'FaultMessage' });
    assert.deepEqual(ofA3.Messages.map((m: any) => m.Subject), ['Everyone']);
    const page = await call('ListMessages', { PageSize: 1, PageNumber: 2 });
    assert.deepEqual([page.Messages.length, page.PageNumber, page.PageSize, page.TotalCount], [1, 2, 1, all.TotalCount]);
    assert.equal(page.Messages[0].MessageId, all.Messages[1].MessageId);
  });

  it('past RDC_MESSAGE_DAILY_LIMIT a delivery is recorded Suppressed with the reason, never silently dropped', async () => {
    // carol has had 1 email today (the directory notice); the limit is 4.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await call('PublishMessage', { MessageType: 'FaultMessage', Subject: `n${i}`, Content: 'c', TargetId: a3 })).MessageId);
    const states = [];
    for (const id of ids) states.push((await settledMessage(call, id)).Deliveries.find((d: any) => d.ContactId === carol.id && d.Channel === 'email'));
    assert.deepEqual(states.map((d) => d.State), ['Sent', 'Sent', 'Sent', 'Suppressed']);
    assert.match(states[3].LastError, /daily limit reached: 4 notices to this recipient over email .*RDC_MESSAGE_DAILY_LIMIT/);
    assert.equal(smtp.mails.filter((m) => m.to.includes(carol.email) && m.text.includes(ids[3]!)).length, 0);
  });

  it('bad input answers its 4xx and publishes nothing', async () => {
    const before = (await call('ListMessages', {})).TotalCount;
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: 'fd-0000000000' }), 'EntityNotExists.Target');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: '1000000000000001' }), 'EntityNotExists.Target');
    await expectError(call('PublishMessage', { MessageType: 'Bills', Subject: 's', Content: 'c', TargetId: a1 }), 'InvalidParameter.MessageType');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 'x'.repeat(201), Content: 'c', TargetId: a1 }), 'InvalidParameter.Subject');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c'.repeat(4_001), TargetId: a1 }), 'InvalidParameter.Content');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'line 1\nline\u0000 2', TargetId: a1 }), 'InvalidParameter.Content');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's\nBcc: x@example.com', Content: 'c', TargetId: a1 }), 'InvalidParameter.Subject');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: a1, ClientToken: 't'.repeat(65) }), 'InvalidParameter.ClientToken');
    await expectError(call('PublishMessage', { MessageType: 'FaultMessage', Content: 'c', TargetId: a1 }), 'MissingParameter.Subject');
    await expectError(call('GetMessage', { MessageId: 'm-0000000000000000' }), 'EntityNotExists.Message');
    await expectError(call('GetMessage', { MessageId: 'nope' }), 'InvalidParameter.MessageId');
    assert.equal((await call('ListMessages', {})).TotalCount, before);
  });

  it('the API version is the contract: these actions under 2022-04-19, and Alibaba actions under 2026-12-01, do not exist', async () => {
    await expectError(server.client()('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: a1 }), 'InvalidAction.NotFound');
    await expectError(server.client()('ResolveMessageRecipients', { AccountId: a1, MessageType: 'FaultMessage' }), 'InvalidAction.NotFound');
    await expectError(call('GetResourceDirectory', {}), 'InvalidAction.NotFound');
    await expectError(call('ListMessageContacts', {}), 'InvalidAction.NotFound');
  });
});
