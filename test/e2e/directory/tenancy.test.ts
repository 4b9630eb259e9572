import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type Tenant, type TestServer } from '../../support/server.js';
import { errorOf, type Call } from '../../support/clients.js';

/** Two management accounts side by side on one server: neither sees anything of the other. */
describe('directory tenancy: two management accounts', () => {
  let server: TestServer;
  let a: Call;
  let b: Call;
  let bTenant: Tenant;
  const A: Record<string, string> = {};
  const B: Record<string, string> = {};

  async function populate(call: Call, into: Record<string, string>) {
    const rd = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    into.rd = rd.ResourceDirectoryId;
    into.root = rd.RootFolderId;
    // Same names in both directories: names are unique per directory, not per server.
    into.folder = (await call('CreateFolder', { FolderName: 'Shared-Name', Tag: [{ Key: 'env', Value: 'prod' }] })).Folder.FolderId;
    into.leaf = (await call('CreateFolder', { FolderName: 'Leaf', ParentFolderId: into.folder })).Folder.FolderId;
    into.account = (await call('CreateResourceAccount', { DisplayName: 'Same Name', AccountNamePrefix: 'same', ParentFolderId: into.folder, Tag: [{ Key: 'env', Value: 'prod' }] })).Account.AccountId;
  }

  before(async () => {
    server = await startTestServer();
    bTenant = server.addTenant();
    a = server.client('openapi-core-v3');
    b = server.client('pop-core-post', bTenant.creds);
    await populate(a, A);
    await populate(b, B);
  });
  after(() => server.stop());

  /** The error of a call, as code, status and message. */
  async function failure(call: Promise<unknown>) {
    const err = await call.then(
      () => assert.fail('expected an error'),
      (e) => e,
    );
    const { code, status, data } = errorOf(err);
    return { code, status, message: data?.Message };
  }

  it('each tenant sees its own directory', async () => {
    assert.notEqual(A.rd, B.rd);
    assert.equal((await a('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, A.rd);
    assert.equal((await b('GetResourceDirectory')).ResourceDirectory.MasterAccountId, bTenant.accountId);
    assert.equal((await b('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, B.rd);
  });

  it("another tenant's IDs answer exactly as missing ones", async () => {
    const missingFolder = 'fd-0000000000';
    const missingAccount = '1000000000000001';
    const pairs: Array<[string, Record<string, any>, Record<string, any>]> = [
      ['GetFolder', { FolderId: A.folder }, { FolderId: missingFolder }],
      ['GetFolder', { FolderId: A.root }, { FolderId: 'r-000000' }],
      ['ListAncestors', { ChildId: A.leaf }, { ChildId: missingFolder }],
      ['ListFoldersForParent', { ParentFolderId: A.folder }, { ParentFolderId: missingFolder }],
      ['ListAccountsForParent', { ParentFolderId: A.folder }, { ParentFolderId: missingFolder }],
      ['UpdateFolder', { FolderId: A.leaf, NewFolderName: 'hijacked' }, { FolderId: missingFolder, NewFolderName: 'hijacked' }],
      ['DeleteFolder', { FolderId: A.leaf }, { FolderId: missingFolder }],
      ['CreateFolder', { FolderName: 'intruder', ParentFolderId: A.folder }, { FolderName: 'intruder', ParentFolderId: missingFolder }],
      ['CreateResourceAccount', { DisplayName: 'intruder', ParentFolderId: A.folder }, { DisplayName: 'intruder', ParentFolderId: missingFolder }],
      ['CreateResourceAccount', { DisplayName: 'intruder', PayerAccountId: A.account }, { DisplayName: 'intruder', PayerAccountId: missingAccount }],
      ['GetAccount', { AccountId: A.account }, { AccountId: missingAccount }],
      ['MoveAccount', { AccountId: A.account, DestinationFolderId: B.root }, { AccountId: missingAccount, DestinationFolderId: B.root }],
      ['MoveAccount', { AccountId: B.account, DestinationFolderId: A.folder }, { AccountId: B.account, DestinationFolderId: missingFolder }],
    ];
    for (const [action, foreign, missing] of pairs) {
      const got = await failure(b(action, foreign));
      const expected = await failure(b(action, missing));
      assert.ok(got.status === 404 || got.status === 409, `${action}: ${JSON.stringify(got)}`);
      assert.deepEqual(got, expected, `${action} with another tenant's ID`);
    }
  });

  it("B's attempts changed nothing of A", async () => {
    assert.equal((await a('GetFolder', { FolderId: A.leaf })).Folder.FolderName, 'Leaf');
    assert.equal((await a('GetAccount', { AccountId: A.account })).Account.FolderId, A.folder);
    const children = (await a('ListFoldersForParent', { ParentFolderId: A.folder })).Folders.Folder.map((f: any) => f.FolderName);
    assert.deepEqual(children, ['Leaf']);
    assert.equal((await a('ListAccounts', {})).TotalCount, 1);
  });

  it('lists show only the caller’s own folders and accounts, whatever the filter', async () => {
    for (const [call, own, other] of [[a, A, B], [b, B, A]] as const) {
      const all = (await call('ListAccounts', { PageSize: 100, Tag: [{ Key: 'env', Value: 'prod' }] })).Accounts.Account;
      assert.deepEqual(all.map((x: any) => x.AccountId), [own.account]);
      assert.deepEqual((await call('ListAccounts', { QueryKeyword: other.account })).Accounts.Account, []);
      assert.deepEqual((await call('ListAccounts', { QueryKeyword: 'same' })).Accounts.Account.map((x: any) => x.AccountId), [own.account]);
      const folders = (await call('ListFoldersForParent', { Tag: [{ Key: 'env' }] })).Folders.Folder;
      assert.deepEqual(folders.map((f: any) => f.FolderId), [own.folder]);
      const page = await call('ListAccounts', { MaxResults: 100 });
      assert.deepEqual(page.Accounts.Account.map((x: any) => x.AccountId), [own.account]);
      assert.equal(page.TotalCount, 1);
    }
  });

  it("destroying one tenant's directory leaves the other's alone", async () => {
    const c = server.addTenant();
    const call = server.client('openapi-core-v3', c.creds);
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    await call('DestroyResourceDirectory');
    assert.equal((await a('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, A.rd);
    assert.equal((await b('GetFolder', { FolderId: B.root })).Folder.FolderId, B.root);
  });
});
