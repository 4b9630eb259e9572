import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf } from '../../support/clients.js';
import { loadResourceManagerSdk, unfilledFields } from '../../support/resourcemanager-sdk.js';
import { registry } from '../../../src/operations/registry.js';

const sdk = loadResourceManagerSdk();

describe('@alicloud/resourcemanager20200331 drives every 2020-03-31 action, and every field of each response model is filled', () => {
  let server: TestServer;
  let client: any;
  const m = sdk.models;
  /** Actions called so far, to compare with the declared ones at the end. */
  const called = new Set<string>();

  /** Calls `<action>` with a request model and checks its response body against the model's types(). */
  async function call(action: string, request?: Record<string, unknown>, emptyArrays: string[] = []): Promise<any> {
    called.add(action);
    const method = action[0]!.toLowerCase() + action.slice(1);
    const response = request === undefined ? await client[method]() : await client[method](new m[`${action}Request`](request));
    assert.equal(response.statusCode, 200, action);
    assert.deepEqual(unfilledFields(m[`${action}ResponseBody`], response.body, '', emptyArrays), [], `${action}: fields of ${action}ResponseBody`);
    return response.body;
  }

  before(async () => {
    server = await startTestServer({ RDC_ACCOUNT_DELETION_DELAY: '0' });
    client = sdk.client(server.url, server.creds);
  });
  after(async () => server?.stop());

  it('the directory, folders, members, tags, billing accounts and the deletion lifecycle', async () => {
    const rd = (await call('InitResourceDirectory')).resourceDirectory;
    await call('SetMemberDeletionPermission', { status: 'Enabled' });
    assert.equal((await call('GetResourceDirectory')).resourceDirectory.memberDeletionStatus, 'Enabled');

    const parent = (await call('CreateFolder', { folderName: 'Parent' })).folder;
    const child = (await call('CreateFolder', { folderName: 'Child', parentFolderId: parent.folderId })).folder;
    assert.equal((await call('GetFolder', { folderId: child.folderId })).folder.parentFolderId, parent.folderId);
    assert.equal((await call('UpdateFolder', { folderId: child.folderId, newFolderName: 'Kid' })).folder.folderName, 'Kid');
    assert.equal((await call('ListFoldersForParent', { parentFolderId: parent.folderId })).totalCount, 1);
    assert.deepEqual((await call('ListAncestors', { childId: child.folderId })).folders.folder.map((f: any) => f.folderId), [rd.rootFolderId, parent.folderId]);

    const tag = (key: string, value: string) => new m.CreateResourceAccountRequestTag({ key, value });
    const payer = (await call('CreateResourceAccount', { displayName: 'payer', parentFolderId: child.folderId, tag: [tag('env', 'prod')] })).account;
    const paid = (await call('CreateResourceAccount', { displayName: 'paid', accountNamePrefix: 'paid-acct', parentFolderId: parent.folderId, payerAccountId: payer.accountId })).account;
    assert.equal((await call('GetAccount', { accountId: payer.accountId, includeTags: true })).account.tags[0].key, 'env');
    assert.equal((await call('UpdateAccount', { accountId: paid.accountId, newDisplayName: 'paid-renamed' })).account.displayName, 'paid-renamed');
    await call('MoveAccount', { accountId: paid.accountId, destinationFolderId: child.folderId });
    assert.equal((await call('ListAccounts', { includeTags: true, tag: [new m.ListAccountsRequestTag({ key: 'env' })] })).totalCount, 1);
    assert.equal((await call('ListAccountsForParent', { parentFolderId: child.folderId, includeTags: true, tag: [new m.ListAccountsForParentRequestTag({ key: 'env' })] })).totalCount, 1);
    const billing = await call('GetPayerForAccount', { accountId: paid.accountId });
    assert.deepEqual([billing.payerAccountId, billing.payerAccountName], [payer.accountId, 'payer']);

    await call('TagResources', { resourceType: 'Account', resourceId: [paid.accountId], tag: [new m.TagResourcesRequestTag({ key: 'a', value: '1' }), new m.TagResourcesRequestTag({ key: 'b', value: '2' })] });
    const first = await call('ListTagResources', { resourceType: 'Account', resourceId: [paid.accountId], maxResults: 1 });
    assert.deepEqual(first.tagResources.map((t: any) => [t.resourceId, t.tagKey, t.tagValue]), [[paid.accountId, 'a', '1']]);
    // The last page has no NextToken at all (the model's field is then absent), so only the first page fills it.
    called.delete('ListTagResources');
    const last = await client.listTagResources(new m.ListTagResourcesRequest({ resourceType: 'Account', resourceId: [paid.accountId], maxResults: 1, nextToken: first.nextToken }));
    assert.deepEqual([last.body.tagResources.map((t: any) => t.tagKey), last.body.nextToken], [['b'], undefined]);
    called.add('ListTagResources');
    await call('UntagResources', { resourceType: 'Account', resourceId: [paid.accountId], tagKey: ['a'] });

    // The payer cannot go while it pays for another member: the pre-check says why, the deletion fails its check.
    await call('CheckAccountDelete', { accountId: payer.accountId });
    const check = (await call('GetAccountDeletionCheckResult', { accountId: payer.accountId }, ['AccountDeletionCheckResultInfo.AbandonableChecks'])).accountDeletionCheckResultInfo;
    assert.deepEqual([check.status, check.allowDelete, check.notAllowReason[0].checkId], ['PreCheckComplete', 'false', 'RD_PAYER']);
    assert.equal((await call('DeleteAccount', { accountId: payer.accountId })).deletionType, '0');
    const failed = await waitForDeletion(payer.accountId, 'CheckFailed');
    assert.match(failed.failReasonList[0].description, new RegExp(paid.accountId));

    // The paid member goes; then the payer may go too.
    await call('DeleteAccount', { accountId: paid.accountId, abandonableCheckId: [] });
    await waitForDeletion(paid.accountId, 'Success');
    await call('DeleteAccount', { accountId: payer.accountId });
    const done = await waitForDeletion(payer.accountId, 'Success');
    assert.match(done.deletionTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.deepEqual(
      unfilledFields(m.GetAccountDeletionStatusResponseBody, { rdAccountDeletionStatus: done, requestId: 'x' }, '', ['RdAccountDeletionStatus.FailReasonList']),
      [],
    );

    await call('DisableControlPolicy');
    const notSupported = await client.enableControlPolicy().catch((e: unknown) => e);
    called.add('EnableControlPolicy');
    assert.deepEqual([errorOf(notSupported).code, errorOf(notSupported).status], ['NotSupport.ControlPolicy', 409]);

    await call('DeleteFolder', { folderId: child.folderId });
    await call('DeleteFolder', { folderId: parent.folderId });
    await call('DestroyResourceDirectory');

    const declared = registry.all().filter((op) => op.version === '2020-03-31').map((op) => op.action);
    assert.deepEqual([...called].sort(), declared.sort(), 'every 2020-03-31 action served was driven by the SDK');
  });

  /** Polls GetAccountDeletionStatus (checking its fields, FailReasonList may be empty) until `status`. */
  async function waitForDeletion(accountId: string, status: string): Promise<any> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const s = (await call('GetAccountDeletionStatus', { accountId }, ['RdAccountDeletionStatus.FailReasonList'])).rdAccountDeletionStatus;
      if (s.status === status) return s;
      assert.ok(Date.now() < deadline, `deletion of ${accountId} stayed ${s.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
