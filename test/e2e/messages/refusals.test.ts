/**
 * Every refusal of rdcontacts' own API (2026-12-01) that its parameter tables and error tables declare, each
 * through the generic official client, and each changing nothing: missing and malformed parameters, a tenant
 * without a directory, the webhook quota.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { addAccount, addFolder, enableDirectory, expectError } from '../../support/contacts.js';
import type { Call } from '../../support/clients.js';
import { MAX_WEBHOOKS } from '../../../src/domain/webhooks.js';

describe('rdcontacts API (2026-12-01): the documented refusals', () => {
  let server: TestServer;
  let call: Call;
  let account: string;

  before(async () => {
    server = await startTestServer();
    call = server.extensionClient();
  });
  after(() => server.stop());

  it('a tenant without a directory: EntityNotExists.ResourceDirectory', async () => {
    await expectError(call('ResolveMessageRecipients', { AccountId: '1234567890123456', MessageType: 'FaultMessage' }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('ListUncoveredAccounts', { MessageType: 'FaultMessage' }), 'EntityNotExists.ResourceDirectory');
    await expectError(call('GetDirectorySummary'), 'EntityNotExists.ResourceDirectory');
    const rd = await enableDirectory(server);
    account = await addAccount(server, rd, await addFolder(server, rd, rd.rootFolderId, 1));
  });

  it('ResolveMessageRecipients and ListUncoveredAccounts: missing and malformed parameters', async () => {
    await expectError(call('ResolveMessageRecipients', { MessageType: 'FaultMessage' }), 'MissingParameter.AccountId');
    await expectError(call('ResolveMessageRecipients', { AccountId: 'not-an-account', MessageType: 'FaultMessage' }), 'InvalidParameter.AccountId');
    await expectError(call('ResolveMessageRecipients', { AccountId: account }), 'MissingParameter.MessageType');
    await expectError(call('ResolveMessageRecipients', { AccountId: account, MessageType: 'Gossip' }), 'InvalidParameter.MessageType');
    await expectError(call('ListUncoveredAccounts', {}), 'MissingParameter.MessageType');
    await expectError(call('ListUncoveredAccounts', { MessageType: 'Gossip' }), 'InvalidParameter.MessageType');
    await expectError(call('ListUncoveredAccounts', { MessageType: 'FaultMessage', FolderId: 'folder-1' }), 'InvalidParameter.FolderId');
    await expectError(call('ListUncoveredAccounts', { MessageType: 'FaultMessage', PageNumber: '0' }), 'InvalidParameter.PageNumber');
    await expectError(call('ListUncoveredAccounts', { MessageType: 'FaultMessage', PageSize: '1000' }), 'InvalidParameter.PageSize');
  });

  it('PublishMessage, GetMessage and ListMessages: missing and malformed parameters publish nothing', async () => {
    const valid = { MessageType: 'FaultMessage', Subject: 'Disk full', Content: 'The disk is full.', TargetId: account };
    const without = (name: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== name));
    await expectError(call('PublishMessage', without('MessageType')), 'MissingParameter.MessageType');
    await expectError(call('PublishMessage', without('Content')), 'MissingParameter.Content');
    await expectError(call('PublishMessage', without('TargetId')), 'MissingParameter.TargetId');
    await expectError(call('PublishMessage', { ...valid, TargetId: '' }), 'InvalidParameter.TargetId');
    await expectError(call('GetMessage', {}), 'MissingParameter.MessageId');
    await expectError(call('ListMessages', { MessageType: 'Gossip' }), 'InvalidParameter.MessageType');
    await expectError(call('ListMessages', { AccountId: 'x1' }), 'InvalidParameter.AccountId');
    await expectError(call('ListMessages', { PageNumber: '-1' }), 'InvalidParameter.PageNumber');
    await expectError(call('ListMessages', { PageSize: '0' }), 'InvalidParameter.PageSize');
    assert.equal((await call('ListMessages', {})).TotalCount, 0, 'nothing was published');
  });

  it('webhooks: missing and malformed parameters, and the quota of MAX_WEBHOOKS per directory', async () => {
    const valid = { Url: 'http://127.0.0.1:9/hook', MessageTypes: ['FaultMessage'], Format: 'slack' };
    await expectError(call('CreateMessageWebhook', { MessageTypes: valid.MessageTypes, Format: valid.Format }), 'MissingParameter.Url');
    await expectError(call('CreateMessageWebhook', { Url: valid.Url, Format: valid.Format }), 'MissingParameter.MessageTypes');
    await expectError(call('CreateMessageWebhook', { Url: valid.Url, MessageTypes: valid.MessageTypes }), 'MissingParameter.Format');
    await expectError(call('CreateMessageWebhook', { ...valid, Format: 'dingtalk', Secret: 'S'.repeat(1025) }), 'InvalidParameter.Secret');
    await expectError(call('DeleteMessageWebhook', {}), 'MissingParameter.WebhookId');
    await expectError(call('DeleteMessageWebhook', { WebhookId: 'hook-1' }), 'InvalidParameter.WebhookId');
    assert.equal((await call('ListMessageWebhooks', {})).Webhooks.length, 0, 'no refused call made a webhook');
    for (let i = 0; i < MAX_WEBHOOKS; i++) await call('CreateMessageWebhook', { ...valid, Url: `http://127.0.0.1:9/hook-${i}` });
    await expectError(call('CreateMessageWebhook', { ...valid, Url: 'http://127.0.0.1:9/one-too-many' }), 'QuotaExceeded.Webhooks');
    assert.equal((await call('ListMessageWebhooks', {})).Webhooks.length, MAX_WEBHOOKS);
  });
});
