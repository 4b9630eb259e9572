import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { CLIENT_NAMES, type Call } from '../../support/clients.js';
import { rejectsWith } from '../../support/api-errors.js';

/**
 * The parameter checks of the tree operations that the other directory tests do not reach (DryRun,
 * IncludeTags, Tag filters, PageNumber of ListAccountsForParent), through every official client: exact Code,
 * HTTP status and message, and nothing in the directory changes.
 */

/** Tag lists the tag rule refuses: an empty key, a system prefix, a key twice, 21 tags, a key or value over 128. */
const BAD_TAGS: Array<Array<Record<string, string>>> = [
  [{ Key: '', Value: 'v' }],
  [{ Key: 'aliyun:env', Value: 'v' }],
  [{ Key: 'ACS:env' }],
  [{ Key: 'env', Value: 'a' }, { Key: 'env', Value: 'b' }],
  Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
  [{ Key: 'k'.repeat(129), Value: 'v' }],
  [{ Key: 'env', Value: 'v'.repeat(129) }],
];
/** The most a tag list may be: 20 tags, keys and values of 128 characters. */
const LARGEST_TAGS = Array.from({ length: 20 }, (_, i) => ({ Key: `${i}`.padEnd(128, 'k'), Value: 'v'.repeat(128) }));

describe('tree operations: parameter checks through every official client', () => {
  let server: TestServer;
  let call: Call;
  let folderId: string;
  let accountId: string;

  /** Everything a caller can read of the directory: it must not change when a call is refused. */
  async function snapshot(): Promise<string> {
    const rd = (await call('GetResourceDirectory')).ResourceDirectory;
    const folders = (await call('ListFoldersForParent', { PageSize: 100 })).Folders;
    const inFolder = (await call('ListFoldersForParent', { ParentFolderId: folderId, PageSize: 100 })).Folders;
    const accounts = await call('ListAccounts', { PageSize: 100, IncludeTags: true });
    const account = (await call('GetAccount', { AccountId: accountId, IncludeTags: true })).Account;
    return JSON.stringify({ rd, folders, inFolder, accounts: accounts.Accounts, total: accounts.TotalCount, account });
  }

  before(async () => {
    server = await startTestServer();
    call = server.client('openapi-core-v3');
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    folderId = (await call('CreateFolder', { FolderName: 'params', Tag: [{ Key: 'env', Value: 'prod' }] })).Folder.FolderId;
    await call('CreateFolder', { FolderName: 'child', ParentFolderId: folderId, Tag: [{ Key: 'env', Value: 'prod' }] });
    accountId = (await call('CreateResourceAccount', { DisplayName: 'member', ParentFolderId: folderId, Tag: [{ Key: 'env', Value: 'prod' }] })).Account.AccountId;
  });
  after(() => server.stop());

  for (const mode of CLIENT_NAMES) {
    it(`${mode}: EnableResourceDirectory refuses a DryRun that is not a boolean, and enables nothing`, async () => {
      const fresh = server.client(mode, server.addTenant().creds);
      await rejectsWith(fresh('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: 'maybe' }), 'InvalidParameter.DryRun', 400, 'The DryRun is invalid.');
      await rejectsWith(fresh('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: '1' }), 'InvalidParameter.DryRun', 400, 'The DryRun is invalid.');
      await rejectsWith(fresh('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
      // A parameter check answers before the directory that already exists.
      const before = await snapshot();
      await rejectsWith(server.client(mode)('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: 'yes' }), 'InvalidParameter.DryRun', 400, 'The DryRun is invalid.');
      assert.equal(await snapshot(), before, 'the directory is unchanged');
    });

    it(`${mode}: CreateResourceAccount refuses a DryRun that is not a boolean, and creates nothing`, async () => {
      const before = await snapshot();
      const create = server.client(mode);
      await rejectsWith(create('CreateResourceAccount', { DisplayName: `dry ${mode}`, DryRun: 'maybe' }), 'InvalidParameter.DryRun', 400, 'The DryRun is invalid.');
      await rejectsWith(create('CreateResourceAccount', { DisplayName: `dry ${mode}`, ParentFolderId: folderId, DryRun: 'no' }), 'InvalidParameter.DryRun', 400, 'The DryRun is invalid.');
      // The documented parameter checks come first.
      await rejectsWith(create('CreateResourceAccount', { DisplayName: 'x', DryRun: 'maybe' }), 'InvalidParameter.Account.DisplayName.Length', 400);
      assert.equal(await snapshot(), before, 'no account was created');
    });

    it(`${mode}: GetAccount, ListAccounts and ListAccountsForParent refuse an IncludeTags that is not a boolean`, async () => {
      const before = await snapshot();
      const read = server.client(mode);
      await rejectsWith(read('GetAccount', { AccountId: accountId, IncludeTags: 'yes' }), 'InvalidParameter.IncludeTags', 400, 'The IncludeTags is invalid.');
      await rejectsWith(read('ListAccounts', { IncludeTags: 'yes' }), 'InvalidParameter.IncludeTags', 400, 'The IncludeTags is invalid.');
      await rejectsWith(read('ListAccountsForParent', { ParentFolderId: folderId, IncludeTags: '0' }), 'InvalidParameter.IncludeTags', 400, 'The IncludeTags is invalid.');
      // true/false in any of the cases the clients write them are booleans.
      assert.equal(JSON.stringify((await read('GetAccount', { AccountId: accountId, IncludeTags: 'True' })).Account.Tags), '[{"Key":"env","Value":"prod"}]');
      assert.equal(JSON.stringify((await read('GetAccount', { AccountId: accountId, IncludeTags: 'FALSE' })).Account.Tags), '[]');
      assert.equal(await snapshot(), before, 'nothing changed');
    });

    it(`${mode}: ListFoldersForParent, ListAccounts and ListAccountsForParent refuse bad tag filters`, async () => {
      const before = await snapshot();
      const list = server.client(mode);
      for (const tags of BAD_TAGS) {
        const what = JSON.stringify(tags).slice(0, 60);
        await rejectsWith(list('ListFoldersForParent', { Tag: tags }), 'InvalidParameter.Tag', 400, 'The Tag is invalid.').catch(rethrowWith(what));
        await rejectsWith(list('ListAccounts', { Tag: tags }), 'InvalidParameter.Tag', 400, 'The Tag is invalid.').catch(rethrowWith(what));
        await rejectsWith(list('ListAccountsForParent', { ParentFolderId: folderId, Tag: tags }), 'InvalidParameter.Tag', 400, 'The Tag is invalid.').catch(rethrowWith(what));
      }
      // The largest filter allowed is a filter: nothing has all 20 tags.
      assert.equal((await list('ListFoldersForParent', { ParentFolderId: folderId, Tag: LARGEST_TAGS })).TotalCount, 0);
      assert.equal((await list('ListAccounts', { Tag: LARGEST_TAGS })).TotalCount, 0);
      assert.equal((await list('ListAccountsForParent', { ParentFolderId: folderId, Tag: LARGEST_TAGS })).TotalCount, 0);
      // A filter by key alone is fine.
      assert.equal((await list('ListAccountsForParent', { ParentFolderId: folderId, Tag: [{ Key: 'env' }] })).TotalCount, 1);
      assert.equal(await snapshot(), before, 'nothing changed');
    });

    it(`${mode}: ListAccountsForParent refuses a PageNumber below 1 or not an integer`, async () => {
      const list = server.client(mode);
      await rejectsWith(list('ListAccountsForParent', { PageNumber: 0 }), 'InvalidParameter.PageNumber', 400, 'The PageNumber is invalid.');
      await rejectsWith(list('ListAccountsForParent', { ParentFolderId: folderId, PageNumber: -1 }), 'InvalidParameter.PageNumber', 400, 'The PageNumber is invalid.');
      await rejectsWith(list('ListAccountsForParent', { PageNumber: 'one' }), 'InvalidParameter.PageNumber', 400, 'The PageNumber is invalid.');
      await rejectsWith(list('ListAccountsForParent', { PageNumber: '1.5' }), 'InvalidParameter.PageNumber', 400, 'The PageNumber is invalid.');
      const page = await list('ListAccountsForParent', { ParentFolderId: folderId, PageNumber: 2, PageSize: 1 });
      assert.deepEqual([page.PageNumber, page.PageSize, page.TotalCount, page.Accounts.Account.length], [2, 1, 1, 0]);
    });
  }

  it('tags given to CreateFolder and CreateResourceAccount at the largest size are kept and returned as given', async () => {
    const folder = (await call('CreateFolder', { FolderName: 'largest-tags', Tag: LARGEST_TAGS })).Folder.FolderId;
    const listed = (await call('ListFoldersForParent', { QueryKeyword: 'largest-tags' })).Folders.Folder;
    assert.deepEqual(listed.map((f: any) => f.FolderId), [folder]);
    assert.deepEqual(sorted(listed[0].Tags.Tag), sorted(LARGEST_TAGS));
    const account = (await call('CreateResourceAccount', { DisplayName: 'largest tags', Tag: LARGEST_TAGS })).Account.AccountId;
    assert.deepEqual(sorted((await call('GetAccount', { AccountId: account, IncludeTags: true })).Account.Tags), sorted(LARGEST_TAGS));
    assert.deepEqual((await call('ListAccounts', { Tag: LARGEST_TAGS })).Accounts.Account.map((a: any) => a.AccountId), [account]);
  });
});

function sorted(tags: Array<{ Key: string; Value?: string }>): string[] {
  return tags.map((t) => `${t.Key}=${t.Value}`).sort();
}

/** Adds which input failed to an assertion error. */
function rethrowWith(what: string) {
  return (err: Error) => {
    err.message = `${what}: ${err.message}`;
    throw err;
  };
}
