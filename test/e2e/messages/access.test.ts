/**
 * Tenancy and RAM for every action of rdcontacts' own API (2026-12-01): another tenant's IDs answer as
 * missing ones and its data is never listed; RAM decides `rdcontacts:<Action>`, which the Resource
 * Directory system policies do not grant; the read-only policy cannot publish or change webhooks.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { addAccount, addFolder, enableDirectory, expectError } from '../../support/contacts.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';
import { errorOf, type ApiParams, type Call } from '../../support/clients.js';
import { seedContact } from '../../support/messages.js';
import { registry } from '../../../src/operations/registry.js';

const ACCOUNT = '1000000000000002';

describe('tenancy and RAM of the rdcontacts API', () => {
  let server: TestServer;
  let call: Call;
  let account: string;
  let folder: string;
  let directoryId: string;
  let messageId: string;
  let webhookId: string;

  before(async () => {
    const file = writeIdentities({
      accounts: [
        {
          accountId: ACCOUNT,
          ramUsers: [
            { name: 'reader', accessKeys: [key('LTAInoticeRead01')], policies: ['AliyunRdcontactsReadOnlyAccess'] },
            { name: 'writer', accessKeys: [key('LTAInoticeFull01')], policies: ['AliyunRdcontactsFullAccess'] },
            { name: 'rdadmin', accessKeys: [key('LTAInoticeRdAdm1')], policies: ['AliyunResourceDirectoryFullAccess'] },
          ],
        },
      ],
    });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: ACCOUNT, RDC_IDENTITIES_FILE: file });
    call = server.extensionClient();
    const rd = await enableDirectory(server);
    directoryId = rd.id;
    folder = await addFolder(server, rd, rd.rootFolderId, 1);
    account = await addAccount(server, rd, folder);
    await seedContact(server.store, rd, ['FaultMessage'], [account]);
    messageId = (await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: account })).MessageId;
    webhookId = (await call('CreateMessageWebhook', { Url: 'http://127.0.0.1:9/hook', MessageTypes: ['ProductMessage'], Format: 'slack' })).WebhookId;
  });
  after(() => server.stop());

  /** A valid request of every action, naming this tenant's IDs. */
  const requests = (): Record<string, ApiParams> => ({
    ResolveMessageRecipients: { AccountId: account, MessageType: 'FaultMessage' },
    ListUncoveredAccounts: { MessageType: 'FaultMessage', FolderId: folder },
    PublishMessage: { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: account },
    GetMessage: { MessageId: messageId },
    ListMessages: {},
    CreateMessageWebhook: { Url: 'http://127.0.0.1:9/other', MessageTypes: ['ProductMessage'], Format: 'slack' },
    ListMessageWebhooks: {},
    DeleteMessageWebhook: { WebhookId: webhookId },
    CreateAlertmanagerReceiver: {},
    ListOutboxMessages: {},
    GetDirectorySummary: {},
  });

  it('the probes cover every action of the API', () => {
    assert.deepEqual(Object.keys(requests()).sort(), [...registry.actionsOf('2026-12-01').keys()].sort());
  });

  it('another tenant: this tenant’s IDs answer as missing ones, and nothing of it is listed', async () => {
    const other = server.addTenant();
    await server.client('openapi-core-v3', other.creds)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const theirs = server.extensionClient(other.creds);
    await expectError(theirs('ResolveMessageRecipients', { AccountId: account, MessageType: 'FaultMessage' }), 'EntityNotExists.Account');
    await expectError(theirs('ListUncoveredAccounts', { MessageType: 'FaultMessage', FolderId: folder }), 'EntityNotExists.Folder');
    for (const target of [account, folder, directoryId]) {
      await expectError(theirs('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: target }), 'EntityNotExists.Target');
    }
    await expectError(theirs('GetMessage', { MessageId: messageId }), 'EntityNotExists.Message');
    await expectError(theirs('DeleteMessageWebhook', { WebhookId: webhookId }), 'EntityNotExists.Webhook');
    assert.deepEqual([(await theirs('ListMessages')).TotalCount, (await theirs('ListMessageWebhooks')).Webhooks], [0, []]);
    assert.deepEqual((await theirs('ListUncoveredAccounts', { MessageType: 'FaultMessage' })).TotalCount, 0);
    // A tenant without a directory: the directory-scoped actions say so.
    const bare = server.extensionClient(server.addTenant().creds);
    await expectError(bare('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: account }), 'EntityNotExists.ResourceDirectory');
    assert.equal((await call('GetMessage', { MessageId: messageId })).Message.MessageId, messageId, 'still there for its tenant');
  });

  it('RAM decides rdcontacts:<Action>: the Resource Directory policies grant none of them', async () => {
    const rdAdmin = server.extensionClient(credsOf('LTAInoticeRdAdm1'));
    for (const [action, params] of Object.entries(requests())) {
      const err: any = await rdAdmin(action, params).then(() => assert.fail(`${action} was allowed`), (e: unknown) => e);
      assert.deepEqual([errorOf(err).code, errorOf(err).status], ['NoPermission', 403], action);
      assert.equal(err.accessDeniedDetail.AuthAction, `rdcontacts:${action}`);
    }
  });

  it('AliyunRdcontactsReadOnlyAccess reads but cannot publish or change webhooks; AliyunRdcontactsFullAccess can', async () => {
    const reader = server.extensionClient(credsOf('LTAInoticeRead01'));
    const reads = ['ResolveMessageRecipients', 'ListUncoveredAccounts', 'GetMessage', 'ListMessages', 'ListMessageWebhooks', 'ListOutboxMessages', 'GetDirectorySummary'];
    for (const [action, params] of Object.entries(requests())) {
      if (reads.includes(action)) await reader(action, params);
      else await expectError(reader(action, params), 'NoPermission');
    }
    const writer = server.extensionClient(credsOf('LTAInoticeFull01'));
    const published = await writer('PublishMessage', requests().PublishMessage);
    assert.match(published.MessageId, /^m-/);
    await writer('DeleteMessageWebhook', { WebhookId: webhookId });
    await expectError(call('DeleteMessageWebhook', { WebhookId: webhookId }), 'EntityNotExists.Webhook');
  });
});
