import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { ClientName } from '../../support/clients.js';
import { rejectsWith } from '../../support/api-errors.js';

const MODES: ClientName[] = ['openapi-core-v3', 'pop-core-post'];

describe('resource directory: enable, read, destroy', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  for (const mode of MODES) {
    it(`${mode}: EnableResourceDirectory creates the directory and its Root; GetResourceDirectory reads it`, async () => {
      const tenant = server.addTenant();
      const call = server.client(mode, tenant.creds);
      await rejectsWith(call('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
      const enabled = await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
      assert.deepEqual(Object.keys(enabled).sort(), ['RequestId', 'ResourceDirectory']);
      const rd = enabled.ResourceDirectory;
      assert.deepEqual(Object.keys(rd).sort(), ['CreateTime', 'MasterAccountId', 'MasterAccountName', 'ResourceDirectoryId', 'RootFolderId']);
      assert.match(rd.ResourceDirectoryId, /^rd-[0-9A-Za-z]{6}$/);
      assert.match(rd.RootFolderId, /^r-[0-9A-Za-z]{6}$/);
      assert.equal(rd.MasterAccountId, tenant.accountId);
      const got = (await call('GetResourceDirectory')).ResourceDirectory;
      assert.deepEqual(Object.keys(got).sort(), [
        'ControlPolicyStatus', 'CreateTime', 'IdentityInformation', 'MasterAccountId', 'MasterAccountName',
        'MemberAccountDisplayNameSyncStatus', 'MemberDeletionStatus', 'ResourceDirectoryId', 'RootFolderId',
      ]);
      for (const key of Object.keys(rd)) assert.equal(got[key], rd[key], key);
      assert.match(got.CreateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(['Enabled', 'PendingEnable', 'Disabled', 'PendingDisable'].includes(got.ControlPolicyStatus), `ControlPolicyStatus ${got.ControlPolicyStatus}`);
      assert.ok(['Enabled', 'Disabled'].includes(got.MemberDeletionStatus), `MemberDeletionStatus ${got.MemberDeletionStatus}`);
      assert.ok(['Enabled', 'Disabled'].includes(got.MemberAccountDisplayNameSyncStatus), `MemberAccountDisplayNameSyncStatus ${got.MemberAccountDisplayNameSyncStatus}`);
      assert.equal(got.IdentityInformation, '');
      await rejectsWith(call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }), 'EntityAlreadyExists.ResourceDirectory', 409);
    });
  }

  it('EnableResourceDirectory: DryRun creates nothing; NewManagementAccount is not supported; EnableMode is checked', async () => {
    const tenant = server.addTenant();
    const call = server.client('pop-core-post', tenant.creds);
    const dry = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: true })).ResourceDirectory;
    assert.match(dry.ResourceDirectoryId, /^rd-/);
    await rejectsWith(call('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
    await rejectsWith(call('EnableResourceDirectory', { EnableMode: 'NewManagementAccount' }), 'NotSupport.NewManagementAccount', 409);
    await rejectsWith(call('EnableResourceDirectory', {}), 'MissingParameter.EnableMode', 400);
    await rejectsWith(call('EnableResourceDirectory', { EnableMode: 'Other' }), 'InvalidParameter.EnableMode', 400);
    await rejectsWith(call('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
  });

  it('EnableResourceDirectory by an account that is a member of a directory: NotSupport.AccountInAnotherResourceDirectory', async () => {
    const owner = server.addTenant();
    const call = server.client('openapi-core-v3', owner.creds);
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const member = (await call('CreateResourceAccount', { DisplayName: 'member' })).Account.AccountId;
    const asMember = server.client('openapi-core-v3', server.addTenant(member).creds);
    await rejectsWith(asMember('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }), 'NotSupport.AccountInAnotherResourceDirectory', 409);
  });

  for (const mode of MODES) {
    it(`${mode}: GetResourceDirectory by a member account answers the directory it belongs to, and nothing more`, async () => {
      const owner = server.client('openapi-core-v3', server.addTenant().creds);
      const rd = (await owner('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
      const folder = (await owner('CreateFolder', { FolderName: 'team' })).Folder.FolderId;
      const member = (await owner('CreateResourceAccount', { DisplayName: 'member', ParentFolderId: folder })).Account.AccountId;
      const asMember = server.client(mode, server.addTenant(member).creds);
      const seen = await asMember('GetResourceDirectory');
      assert.equal(JSON.stringify(Object.keys(seen).sort()), JSON.stringify(['RequestId', 'ResourceDirectory']));
      assert.equal(JSON.stringify({ ...seen.ResourceDirectory }), JSON.stringify((await owner('GetResourceDirectory')).ResourceDirectory));
      assert.equal(seen.ResourceDirectory.ResourceDirectoryId, rd.ResourceDirectoryId);
      assert.equal(seen.ResourceDirectory.MasterAccountId, rd.MasterAccountId);
      // A member is not the management account: the directory's tree is not its to read or change.
      await rejectsWith(asMember('ListAccounts', {}), 'EntityNotExists.ResourceDirectory', 404);
      await rejectsWith(asMember('CreateFolder', { FolderName: 'mine' }), 'EntityNotExists.ResourceDirectory', 404);
      await rejectsWith(asMember('GetFolder', { FolderId: folder }), 'EntityNotExists.ResourceDirectory', 404);
      await rejectsWith(asMember('GetAccount', { AccountId: member }), 'EntityNotExists.Account', 404);
      await rejectsWith(asMember('DestroyResourceDirectory'), 'EntityNotExists.ResourceDirectory', 404);
      assert.equal((await owner('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, rd.ResourceDirectoryId);
      // An account that neither manages nor belongs to a directory.
      await rejectsWith(server.client(mode, server.addTenant().creds)('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
    });
  }

  it('DestroyResourceDirectory refuses while members or folders exist, then removes the directory', async () => {
    const tenant = server.addTenant();
    const call = server.client('pop-core-post', tenant.creds);
    await rejectsWith(call('DestroyResourceDirectory'), 'EntityNotExists.ResourceDirectory', 404);
    const first = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    const folder = (await call('CreateFolder', { FolderName: 'keep' })).Folder.FolderId;
    await rejectsWith(call('DestroyResourceDirectory'), 'DeleteConflict.Folder.SubFolder', 409);
    await call('DeleteFolder', { FolderId: folder });
    const body = await call('DestroyResourceDirectory');
    assert.deepEqual(Object.keys(body), ['RequestId']);
    await rejectsWith(call('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
    await rejectsWith(call('DestroyResourceDirectory'), 'EntityNotExists.ResourceDirectory', 404);
    // Enabled again: a new directory with new IDs; the old Root is gone.
    const second = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    assert.notEqual(second.ResourceDirectoryId, first.ResourceDirectoryId);
    assert.notEqual(second.RootFolderId, first.RootFolderId);
    await rejectsWith(call('GetFolder', { FolderId: first.RootFolderId }), 'EntityNotExists.Folder', 404);
    assert.equal((await call('GetFolder', { FolderId: second.RootFolderId })).Folder.FolderName, 'Root');
  });

  it('DestroyResourceDirectory with a member account: DeleteConflict.ResourceDirectory.Account, and nothing changes', async () => {
    const tenant = server.addTenant();
    const call = server.client('openapi-core-v3', tenant.creds);
    const rd = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    const member = (await call('CreateResourceAccount', { DisplayName: 'stays' })).Account.AccountId;
    await rejectsWith(call('DestroyResourceDirectory'), 'DeleteConflict.ResourceDirectory.Account', 409);
    assert.equal((await call('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, rd.ResourceDirectoryId);
    assert.equal((await call('GetAccount', { AccountId: member })).Account.ResourceDirectoryId, rd.ResourceDirectoryId);
  });

  it('every tree operation answers a caller without a directory as its error table says', async () => {
    const call = server.client('openapi-core-v3', server.addTenant().creds);
    const expectations: Array<[string, Record<string, any>, string]> = [
      ['GetResourceDirectory', {}, 'ResourceDirectoryNotInUse'],
      ['DestroyResourceDirectory', {}, 'EntityNotExists.ResourceDirectory'],
      ['CreateFolder', { FolderName: 'x' }, 'EntityNotExists.ResourceDirectory'],
      ['GetFolder', { FolderId: 'fd-0000000000' }, 'EntityNotExists.ResourceDirectory'],
      ['ListFoldersForParent', {}, 'EntityNotExists.ResourceDirectory'],
      ['UpdateFolder', { FolderId: 'fd-0000000000', NewFolderName: 'x' }, 'EntityNotExists.ResourceDirectory'],
      ['DeleteFolder', { FolderId: 'fd-0000000000' }, 'EntityNotExists.ResourceDirectory'],
      ['ListAncestors', { ChildId: 'fd-0000000000' }, 'EntityNotExists.ResourceDirectory'],
      ['CreateResourceAccount', { DisplayName: 'xx' }, 'EntityNotExists.ResourceDirectory'],
      ['ListAccounts', {}, 'EntityNotExists.ResourceDirectory'],
      ['ListAccountsForParent', {}, 'EntityNotExists.ResourceDirectory'],
      // These two list EntityNotExists.Account before EntityNotExists.ResourceDirectory.
      ['GetAccount', { AccountId: '1234567890123456' }, 'EntityNotExists.Account'],
      ['MoveAccount', { AccountId: '1234567890123456', DestinationFolderId: 'fd-0000000000' }, 'EntityNotExists.Account'],
    ];
    for (const [action, params, code] of expectations) {
      await rejectsWith(call(action, params), code, 404);
    }
  });
});
