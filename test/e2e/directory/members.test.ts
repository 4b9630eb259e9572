import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { rejectsWith } from '../../support/api-errors.js';

const UNKNOWN_ACCOUNT = '1234567890123456';
const UNKNOWN_FOLDER = 'fd-0000000000';

describe('member settings, UpdateAccount, billing accounts and tags by resource (ResourceDirectoryMaster 2022-04-19)', () => {
  let server: TestServer;
  let call: Call;
  let folder: string;
  let account: string;
  let other: string;

  before(async () => {
    server = await startTestServer();
    call = server.client();
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    folder = (await call('CreateFolder', { FolderName: 'Tagged' })).Folder.FolderId;
    account = (await call('CreateResourceAccount', { DisplayName: 'member one', ParentFolderId: folder })).Account.AccountId;
    other = (await call('CreateResourceAccount', { DisplayName: 'member two' })).Account.AccountId;
  });
  after(async () => server?.stop());

  it('without a directory every one of them answers EntityNotExists.ResourceDirectory', async () => {
    const stranger = server.addTenant();
    const c = server.client('openapi-core-v3', stranger.creds);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['SetMemberDeletionPermission', { Status: 'Enabled' }, 'EntityNotExists.ResourceDirectory'],
      ['SetMemberDisplayNameSyncStatus', { Status: 'Enabled' }, 'EntityNotExists.ResourceDirectory'],
      ['UpdateAccount', { AccountId: account, NewDisplayName: 'x y' }, 'EntityNotExists.ResourceDirectory'],
      ['GetPayerForAccount', { AccountId: account }, 'EntityNotExists.ResourceDirectory'],
      ['UpdatePayerForAccount', { AccountId: account, PayerAccountId: other }, 'EntityNotExists.ResourceDirectory'],
      ['TagResources', { ResourceType: 'Account', ResourceId: [account], Tag: [{ Key: 'k', Value: 'v' }] }, 'EntityNotExists.ResourceDirectory'],
      ['UntagResources', { ResourceType: 'Account', ResourceId: [account], All: true }, 'EntityNotExists.ResourceDirectory'],
      ['ListTagResources', { ResourceType: 'Account' }, 'EntityNotExists.ResourceDirectory'],
    ];
    for (const [action, params, code] of cases) await rejectsWith(c(action, params as never), code, 404);
  });

  it('SetMemberDisplayNameSyncStatus and SetMemberDeletionPermission: checked, kept, shown by GetResourceDirectory', async () => {
    await rejectsWith(call('SetMemberDisplayNameSyncStatus', {}), 'MissingParameter.Status', 400);
    await rejectsWith(call('SetMemberDisplayNameSyncStatus', { Status: 'enabled' }), 'InvalidParameter.Status', 400);
    await rejectsWith(call('SetMemberDeletionPermission', {}), 'MissingParameter.Status', 400);
    assert.equal((await call('SetMemberDisplayNameSyncStatus', { Status: 'Enabled' })).MemberAccountDisplayNameSyncStatus, 'Enabled');
    const rd = (await call('GetResourceDirectory')).ResourceDirectory;
    assert.deepEqual([rd.MemberAccountDisplayNameSyncStatus, rd.MemberDeletionStatus], ['Enabled', 'Disabled']);
    await call('SetMemberDisplayNameSyncStatus', { Status: 'Disabled' });
    assert.equal((await call('GetResourceDirectory')).ResourceDirectory.MemberAccountDisplayNameSyncStatus, 'Disabled');
  });

  it('UpdateAccount: a new display name (unique), the account type where the documentation allows', async () => {
    const renamed = (await call('UpdateAccount', { AccountId: account, NewDisplayName: 'member renamed' })).Account;
    assert.deepEqual([renamed.AccountId, renamed.DisplayName, renamed.FolderId], [account, 'member renamed', folder]);
    assert.equal((await call('GetAccount', { AccountId: account })).Account.DisplayName, 'member renamed');
    // Already a resource account: nothing to change.
    assert.equal((await call('UpdateAccount', { AccountId: account, NewAccountType: 'ResourceAccount' })).Account.Type, 'ResourceAccount');
    const cases: Array<[string, Record<string, unknown>, string, number]> = [
      ['UpdateAccount', { NewDisplayName: 'x y' }, 'MissingParameter.AccountId', 400],
      ['UpdateAccount', { AccountId: 'bogus', NewDisplayName: 'x y' }, 'InvalidParameter.AccountId', 400],
      ['UpdateAccount', { AccountId: account, NewDisplayName: 'bad/name' }, 'InvalidParameter.Account.DisplayName', 400],
      ['UpdateAccount', { AccountId: account, NewDisplayName: 'x' }, 'InvalidParameter.Account.DisplayName.Length', 400],
      ['UpdateAccount', { AccountId: account, NewAccountType: 'Admin' }, 'InvalidParameter.NewAccountType', 400],
      ['UpdateAccount', { AccountId: UNKNOWN_ACCOUNT, NewDisplayName: 'x y' }, 'EntityNotExists.Account', 404],
      ['UpdateAccount', { AccountId: account, NewDisplayName: 'member two' }, 'InvalidParameter.Account.DisplayName.AlreadyUsed', 409],
      ['UpdateAccount', { AccountId: account }, 'MissingDisplayNameOrAccountType', 409],
      // A cloud account needs a secure email or phone, which members created here do not have.
      ['UpdateAccount', { AccountId: account, NewAccountType: 'CloudAccount' }, 'MissingSecurityInfo', 409],
    ];
    for (const [action, params, code, status] of cases) await rejectsWith(call(action, params as never), code, status);
    assert.equal((await call('GetAccount', { AccountId: account })).Account.Type, 'ResourceAccount');
  });

  it('GetPayerForAccount and UpdatePayerForAccount: none at first (both fields empty), then the management account or a member', async () => {
    assert.deepEqual(await call('GetPayerForAccount', { AccountId: account }).then((b) => [b.PayerAccountId, b.PayerAccountName]), ['', '']);
    await call('UpdatePayerForAccount', { AccountId: account, PayerAccountId: server.root.accountId });
    const rd = (await call('GetResourceDirectory')).ResourceDirectory;
    assert.deepEqual(await call('GetPayerForAccount', { AccountId: account }).then((b) => [b.PayerAccountId, b.PayerAccountName]), [server.root.accountId, rd.MasterAccountName]);
    await call('UpdatePayerForAccount', { AccountId: account, PayerAccountId: other });
    assert.deepEqual(await call('GetPayerForAccount', { AccountId: account }).then((b) => [b.PayerAccountId, b.PayerAccountName]), [other, 'member two']);
    const cases: Array<[string, Record<string, unknown>, string, number]> = [
      ['GetPayerForAccount', {}, 'MissingParameter.AccountId', 400],
      ['GetPayerForAccount', { AccountId: 'bogus' }, 'InvalidParameter.AccountId', 400],
      ['GetPayerForAccount', { AccountId: UNKNOWN_ACCOUNT }, 'EntityNotExists.Account', 404],
      ['UpdatePayerForAccount', { PayerAccountId: other }, 'MissingParameter.AccountId', 400],
      ['UpdatePayerForAccount', { AccountId: 'bogus', PayerAccountId: other }, 'InvalidParameter.AccountId', 400],
      ['UpdatePayerForAccount', { AccountId: account }, 'MissingParameter.PayerAccountId', 400],
      ['UpdatePayerForAccount', { AccountId: account, PayerAccountId: 'bogus' }, 'InvalidParameter.PayerAccountId', 400],
      ['UpdatePayerForAccount', { AccountId: UNKNOWN_ACCOUNT, PayerAccountId: other }, 'EntityNotExists.Account', 404],
      ['UpdatePayerForAccount', { AccountId: account, PayerAccountId: UNKNOWN_ACCOUNT }, 'NotSupport.PayerAccountInAnotherResourceDirectory', 409],
    ];
    for (const [action, params, code, status] of cases) await rejectsWith(call(action, params as never), code, status);
  });

  it('TagResources, UntagResources, ListTagResources: accounts and folders, the 20-tag limit, pages without a NextToken at the end', async () => {
    await call('TagResources', { ResourceType: 'Folder', ResourceId: [folder], Tag: [{ Key: 'team', Value: 'a' }, { Key: 'cost', Value: '1' }] });
    await call('TagResources', { ResourceType: 'account', ResourceId: [account, other], Tag: [{ Key: 'env', Value: 'dev' }] });
    // An existing key takes the new value.
    await call('TagResources', { ResourceType: 'Folder', ResourceId: [folder], Tag: [{ Key: 'team', Value: 'b' }] });
    const folderTags = await call('ListTagResources', { ResourceType: 'Folder', ResourceId: [folder] });
    assert.deepEqual(folderTags, { RequestId: folderTags.RequestId, TagResources: [
      { ResourceId: folder, ResourceType: 'Folder', TagKey: 'cost', TagValue: '1' },
      { ResourceId: folder, ResourceType: 'Folder', TagKey: 'team', TagValue: 'b' },
    ] });
    // The same tags as CreateFolder's: ListFoldersForParent shows them.
    const listed = (await call('ListFoldersForParent', {})).Folders.Folder.find((f: any) => f.FolderId === folder);
    assert.deepEqual(listed.Tags.Tag, [{ Key: 'cost', Value: '1' }, { Key: 'team', Value: 'b' }]);

    // Paging: every account tag of the directory, one per page, NextToken only while more follow.
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await call('ListTagResources', { ResourceType: 'Account', MaxResults: 1, NextToken: token });
      seen.push(...page.TagResources.map((t: any) => t.ResourceId));
      token = page.NextToken;
      if (token !== undefined) assert.notEqual(token, '');
    } while (token !== undefined);
    assert.deepEqual(seen, [account, other].sort());
    assert.deepEqual((await call('ListTagResources', { ResourceType: 'Account', Tag: [{ Key: 'env', Value: 'prod' }] })).TagResources, []);
    assert.deepEqual((await call('ListTagResources', { ResourceType: 'Account', ResourceId: [UNKNOWN_ACCOUNT] })).TagResources, []);

    await call('UntagResources', { ResourceType: 'Folder', ResourceId: [folder], TagKey: ['cost', 'absent'] });
    assert.deepEqual((await call('ListTagResources', { ResourceType: 'Folder', ResourceId: [folder] })).TagResources.map((t: any) => t.TagKey), ['team']);
    await call('UntagResources', { ResourceType: 'Account', ResourceId: [account], All: true });
    assert.deepEqual((await call('GetAccount', { AccountId: account, IncludeTags: true })).Account.Tags, []);

    const many = Array.from({ length: 20 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await call('TagResources', { ResourceType: 'Account', ResourceId: [account], Tag: many });
    await rejectsWith(call('TagResources', { ResourceType: 'Account', ResourceId: [account], Tag: [{ Key: 'one-more', Value: 'v' }] }), 'InvalidParameter.Tag', 400, `A resource can have at most 20 tags; ${account} would have 21.`);
    assert.equal((await call('ListTagResources', { ResourceType: 'Account', ResourceId: [account], MaxResults: 100 })).TagResources.length, 20);

    const cases: Array<[string, Record<string, unknown>, string, number]> = [
      ['TagResources', { ResourceType: 'Account', Tag: [{ Key: 'k', Value: 'v' }] }, 'MissingParameter.ResourceId', 400],
      ['TagResources', { ResourceType: 'Account', ResourceId: [account, account], Tag: [{ Key: 'k', Value: 'v' }] }, 'InvalidParameter.ResourceId', 400],
      ['TagResources', { ResourceType: 'Account', ResourceId: [account] }, 'MissingParameter.Tag', 400],
      ['TagResources', { ResourceType: 'Account', ResourceId: [account], Tag: [{ Key: 'aliyun:x', Value: 'v' }] }, 'InvalidParameter.Tag', 400],
      ['TagResources', { ResourceId: [account], Tag: [{ Key: 'k', Value: 'v' }] }, 'MissingParameter.ResourceType', 400],
      ['TagResources', { ResourceType: 'ResourceGroup', ResourceId: [account], Tag: [{ Key: 'k', Value: 'v' }] }, 'InvalidParameter.ResourceType', 400],
      ['TagResources', { ResourceType: 'Account', ResourceId: [UNKNOWN_ACCOUNT], Tag: [{ Key: 'k', Value: 'v' }] }, 'EntityNotExists.Account', 404],
      ['TagResources', { ResourceType: 'Folder', ResourceId: [UNKNOWN_FOLDER], Tag: [{ Key: 'k', Value: 'v' }] }, 'EntityNotExists.Folder', 404],
      ['UntagResources', { ResourceType: 'Account', ResourceId: [account], All: 'yes' }, 'InvalidParameter.All', 400],
      ['UntagResources', { ResourceType: 'Account', TagKey: ['k'] }, 'MissingParameter.ResourceId', 400],
      ['UntagResources', { ResourceType: 'Account', ResourceId: Array(51).fill(0).map((_, i) => String(1000000000000000 + i)), TagKey: ['k'] }, 'InvalidParameter.ResourceId', 400],
      ['UntagResources', { ResourceType: 'Account', ResourceId: [account], TagKey: Array.from({ length: 21 }, (_, i) => `k${i}`) }, 'InvalidParameter.TagKey', 400],
      ['UntagResources', { ResourceId: [account], TagKey: ['k'] }, 'MissingParameter.ResourceType', 400],
      ['UntagResources', { ResourceType: 'Bucket', ResourceId: [account], TagKey: ['k'] }, 'InvalidParameter.ResourceType', 400],
      ['UntagResources', { ResourceType: 'Account', ResourceId: [UNKNOWN_ACCOUNT], TagKey: ['k'] }, 'EntityNotExists.Account', 404],
      ['UntagResources', { ResourceType: 'Folder', ResourceId: [UNKNOWN_FOLDER], TagKey: ['k'] }, 'EntityNotExists.Folder', 404],
      ['ListTagResources', { ResourceType: 'Account', NextToken: 'not*a*token' }, 'InvalidParameter.NextToken', 400],
      ['ListTagResources', { ResourceType: 'Account', MaxResults: 0 }, 'InvalidParameter.MaxResults', 400],
      ['ListTagResources', { ResourceType: 'Account', Tag: [{ Key: '', Value: 'v' }] }, 'InvalidParameter.Tag', 400],
      ['ListTagResources', { ResourceType: 'Account', ResourceId: [account, account] }, 'InvalidParameter.ResourceId', 400],
      ['ListTagResources', {}, 'MissingParameter.ResourceType', 400],
      ['ListTagResources', { ResourceType: 'Contact' }, 'InvalidParameter.ResourceType', 400],
    ];
    for (const [action, params, code, status] of cases) await rejectsWith(call(action, params as never), code, status);
  });
});
