import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';

/**
 * A tree 5 levels deep with member accounts moved between its folders: paths, ancestors and per-folder
 * listings stay consistent with one another after every change.
 */
describe('directory tree: 5 levels, accounts moving between folders', () => {
  let server: TestServer;
  let v3: Call;
  let pop: Call;
  let rdId: string;
  let rootId: string;
  /** Folder IDs by name. */
  const folders = new Map<string, string>();
  /** Account IDs by display name. */
  const accounts = new Map<string, string>();

  // Root ─ L1a ─ L2a ─ L3a ─ L4a ─ L5a
  //     └ L1b ─ L2b
  const layout: Array<[string, string | null]> = [
    ['L1a', null], ['L2a', 'L1a'], ['L3a', 'L2a'], ['L4a', 'L3a'], ['L5a', 'L4a'], ['L1b', null], ['L2b', 'L1b'],
  ];

  before(async () => {
    server = await startTestServer();
    v3 = server.client('openapi-core-v3');
    pop = server.client('pop-core-post');
    const rd = (await v3('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    rdId = rd.ResourceDirectoryId;
    rootId = rd.RootFolderId;
    folders.set('Root', rootId);
    for (const [name, parent] of layout) {
      folders.set(name, (await v3('CreateFolder', { FolderName: name, ParentFolderId: parent ? folders.get(parent) : undefined })).Folder.FolderId);
    }
    for (const [name, folder] of [['deep', 'L5a'], ['mid', 'L3a'], ['side', 'L2b'], ['top', 'Root']] as const) {
      accounts.set(name, (await pop('CreateResourceAccount', { DisplayName: name, ParentFolderId: folders.get(folder) })).Account.AccountId);
    }
  });
  after(() => server.stop());

  /** The folder names from Root down to `name`. */
  function chainOf(name: string): string[] {
    const chain = [name];
    for (let at = name; at !== 'Root'; ) {
      at = layout.find(([n]) => n === at)?.[1] ?? 'Root';
      chain.unshift(at);
    }
    return chain;
  }

  /** Checks every view of the tree against `placement` (display name → folder name). */
  async function assertTree(placement: Record<string, string>): Promise<void> {
    for (const name of folders.keys()) {
      const id = folders.get(name)!;
      const chain = chainOf(name);
      const ancestors = (await pop('ListAncestors', { ChildId: id })).Folders.Folder.map((f: any) => f.FolderId);
      assert.deepEqual(ancestors, chain.slice(0, -1).map((n) => folders.get(n)), `ancestors of ${name}`);
      const folder = (await v3('GetFolder', { FolderId: id })).Folder;
      assert.equal(folder.ResourceDirectoryPath, [rdId, ...chain.map((n) => folders.get(n))].join('/'), `path of ${name}`);
      const members = (await pop('ListAccountsForParent', { ParentFolderId: id, PageSize: 100 })).Accounts.Account.map((a: any) => a.DisplayName).sort();
      const expected = Object.entries(placement).filter(([, f]) => f === name).map(([a]) => a).sort();
      assert.deepEqual(members, expected, `members of ${name}`);
    }
    const listed = new Map<string, any>((await v3('ListAccounts', { PageSize: 100 })).Accounts.Account.map((a: any) => [a.DisplayName, a]));
    for (const [account, folderName] of Object.entries(placement)) {
      const id = accounts.get(account)!;
      const path = [rdId, ...chainOf(folderName).map((n) => folders.get(n)), id].join('/');
      const got = (await v3('GetAccount', { AccountId: id })).Account;
      assert.equal(got.FolderId, folders.get(folderName), `folder of ${account}`);
      assert.equal(got.ResourceDirectoryPath, path, `path of ${account}`);
      assert.equal(got.Location, chainOf(folderName).join('/'), `location of ${account}`);
      assert.equal(listed.get(account).ResourceDirectoryPath, path, `ListAccounts path of ${account}`);
    }
  }

  it('starts consistent', async () => {
    await assertTree({ deep: 'L5a', mid: 'L3a', side: 'L2b', top: 'Root' });
  });

  it('stays consistent through moves across branches and levels', async () => {
    const moves: Array<[string, string]> = [['deep', 'L2b'], ['side', 'L5a'], ['top', 'L4a'], ['mid', 'Root'], ['deep', 'L1a']];
    const placement: Record<string, string> = { deep: 'L5a', mid: 'L3a', side: 'L2b', top: 'Root' };
    for (const [account, folder] of moves) {
      await (account === 'top' ? pop : v3)('MoveAccount', { AccountId: accounts.get(account), DestinationFolderId: folders.get(folder) });
      placement[account] = folder;
      await assertTree(placement);
    }
  });

  it('a renamed folder changes Location, not ResourceDirectoryPath', async () => {
    const before = (await v3('GetAccount', { AccountId: accounts.get('side') })).Account;
    await v3('UpdateFolder', { FolderId: folders.get('L3a'), NewFolderName: 'Renamed3' });
    const after = (await v3('GetAccount', { AccountId: accounts.get('side') })).Account;
    assert.equal(after.ResourceDirectoryPath, before.ResourceDirectoryPath);
    assert.equal(after.Location, 'Root/L1a/L2a/Renamed3/L4a/L5a');
    const names = (await v3('ListAncestors', { ChildId: folders.get('L5a') })).Folders.Folder.map((f: any) => f.FolderName);
    assert.deepEqual(names, ['Root', 'L1a', 'L2a', 'Renamed3', 'L4a']);
  });
});
