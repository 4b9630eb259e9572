import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, type ApiParams, type Call, type ClientName } from '../../support/clients.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';

const A = '1000000000000001';
const B = '2000000000000002';
const MISSING_FOLDER = 'fd-0000000000';
const MISSING_ACCOUNT = '1999999999999999';

interface Tree {
  rd: string;
  root: string;
  folder: string;
  subfolder: string;
  account: string;
}

/** Enables a directory with Root / folder / subfolder and a member account in the subfolder. */
async function seed(call: Call, name: string): Promise<Tree> {
  const rd = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
  const folder = (await call('CreateFolder', { FolderName: `${name}-team` })).Folder.FolderId;
  const subfolder = (await call('CreateFolder', { FolderName: `${name}-sub`, ParentFolderId: folder })).Folder.FolderId;
  const account = (await call('CreateResourceAccount', { DisplayName: `${name} member`, AccountNamePrefix: `${name}-member`, ParentFolderId: subfolder })).Account.AccountId;
  return { rd: rd.ResourceDirectoryId, root: rd.RootFolderId, folder, subfolder, account };
}

describe('RAM on the tree operations, and two tenants’ trees', () => {
  let server: TestServer;
  let a: Tree;
  let b: Tree;
  const as = (id: string, client: ClientName = 'openapi-core-v3') => server.client(client, credsOf(id));
  const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);
  const comparable = (err: unknown) => {
    const { status, data } = errorOf(err);
    return { status, Code: data.Code, Message: data.Message };
  };

  before(async () => {
    const file = writeIdentities({ accounts: [{ accountId: B, accessKeys: [key('LTAIrootB00001')] }] });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file });
    a = await seed(server.client(), 'a');
    b = await seed(as('LTAIrootB00001'), 'b');
    // Policies naming folders need their IDs: write the users once the trees exist; the watcher reloads.
    const subtree = `acs:resourcemanager:*:${A}:folder/${a.rd}/${a.root}/${a.folder}*`;
    const accountsBelow = `acs:resourcemanager:*:${A}:account/${a.rd}/${a.root}/${a.folder}/*`;
    writeFileSync(
      file,
      JSON.stringify({
        accounts: [
          {
            accountId: A,
            ramUsers: [
              { name: 'reader', accessKeys: [key('LTAIreader00001')], policies: ['AliyunResourceDirectoryReadOnlyAccess'] },
              { name: 'teamlead', accessKeys: [key('LTAIteamlead001')], policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:*', Resource: [subtree, accountsBelow] }] }] },
            ],
          },
          {
            accountId: B,
            accessKeys: [key('LTAIrootB00001')],
            ramUsers: [{ name: 'scoped', accessKeys: [key('LTAIscopedB001')], policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: `acs:resourcemanager:*:${B}:folder/${b.rd}/*` }] }] }],
          },
        ],
      }),
    );
    const deadline = Date.now() + 3000;
    while (!(await as('LTAIreader00001')('GetResourceDirectory').then(() => true, () => false))) {
      if (Date.now() > deadline) assert.fail('identities not reloaded');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(() => server.stop());

  it('a read-only user reads the tree but cannot change it', async () => {
    const reader = as('LTAIreader00001', 'openapi-client-v1');
    assert.equal((await reader('GetFolder', { FolderId: a.subfolder })).Folder.FolderId, a.subfolder);
    await reader('ListFoldersForParent', { ParentFolderId: a.root });
    await reader('ListAccounts', {});
    await reader('ListAccountsForParent', { ParentFolderId: a.subfolder });
    assert.equal((await reader('GetAccount', { AccountId: a.account })).Account.AccountId, a.account);
    await reader('ListAncestors', { ChildId: a.subfolder });
    for (const [action, params] of [
      ['CreateFolder', { FolderName: 'nope', ParentFolderId: a.root }],
      ['UpdateFolder', { FolderId: a.folder, NewFolderName: 'nope' }],
      ['DeleteFolder', { FolderId: a.subfolder }],
      ['CreateResourceAccount', { DisplayName: 'nope member', AccountNamePrefix: 'nope' }],
      ['MoveAccount', { AccountId: a.account, DestinationFolderId: a.root }],
      ['DestroyResourceDirectory', {}],
    ] as Array<[string, ApiParams]>) {
      const err: any = await failure(reader(action, params));
      assert.deepEqual([errorOf(err).code, errorOf(err).status, err.accessDeniedDetail?.AuthAction], ['NoPermission', 403, `resourcemanager:${action}`], action);
    }
    assert.equal((await server.client()('GetFolder', { FolderId: a.subfolder })).Folder.FolderId, a.subfolder, 'nothing was deleted');
  });

  it('a policy on a ResourceDirectoryPath covers that subtree and nothing else', async () => {
    const lead = as('LTAIteamlead001');
    const created = (await lead('CreateFolder', { FolderName: 'lead-made', ParentFolderId: a.subfolder })).Folder.FolderId;
    assert.equal((await lead('GetFolder', { FolderId: created })).Folder.FolderId, created);
    assert.equal((await lead('GetAccount', { AccountId: a.account })).Account.AccountId, a.account);
    await lead('MoveAccount', { AccountId: a.account, DestinationFolderId: a.folder });
    await lead('MoveAccount', { AccountId: a.account, DestinationFolderId: a.subfolder });

    const outside: Array<[string, ApiParams, string]> = [
      ['CreateFolder', { FolderName: 'top', ParentFolderId: a.root }, `folder/${a.rd}/${a.root}`],
      ['GetFolder', { FolderId: a.root }, `folder/${a.rd}/${a.root}`],
      ['MoveAccount', { AccountId: a.account, DestinationFolderId: a.root }, `folder/${a.rd}/${a.root}`],
      ['ListAccounts', {}, 'account/*'],
    ];
    for (const [action, params, resource] of outside) {
      const err: any = await failure(lead(action, params));
      assert.equal(errorOf(err).code, 'NoPermission', action);
      const diagnostic = JSON.parse(Buffer.from(err.accessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString('utf8'));
      assert.equal(diagnostic.AuthResource, `acs:resourcemanager::${A}:${resource}`, action);
    }
    assert.equal((await server.client()('GetAccount', { AccountId: a.account })).Account.FolderId, a.subfolder, 'the denied move did not happen');
  });

  it('another tenant’s folder and account IDs answer exactly as missing ones', async () => {
    const rootB = as('LTAIrootB00001', 'pop-core-post');
    const byFolder: Array<[string, (id: string) => ApiParams]> = [
      ['GetFolder', (id) => ({ FolderId: id })],
      ['ListFoldersForParent', (id) => ({ ParentFolderId: id })],
      ['UpdateFolder', (id) => ({ FolderId: id, NewFolderName: 'renamed' })],
      ['DeleteFolder', (id) => ({ FolderId: id })],
      ['CreateFolder', (id) => ({ FolderName: 'intruder', ParentFolderId: id })],
      ['CreateResourceAccount', (id) => ({ DisplayName: 'intruder acct', AccountNamePrefix: 'intruder', ParentFolderId: id })],
      ['ListAccountsForParent', (id) => ({ ParentFolderId: id })],
      ['ListAncestors', (id) => ({ ChildId: id })],
      ['MoveAccount', (id) => ({ AccountId: b.account, DestinationFolderId: id })],
    ];
    for (const [action, params] of byFolder) {
      for (const foreignId of [a.folder, a.subfolder, a.root]) {
        const missingId = foreignId === a.root ? 'r-000000' : MISSING_FOLDER;
        const foreign = comparable(await failure(rootB(action, params(foreignId))));
        assert.deepEqual(foreign, comparable(await failure(rootB(action, params(missingId)))), `${action} ${foreignId}`);
        assert.equal(foreign.Code, 'EntityNotExists.Folder', `${action} ${foreignId}`);
      }
    }
    for (const [action, params] of [
      ['GetAccount', (id: string) => ({ AccountId: id })],
      ['MoveAccount', (id: string) => ({ AccountId: id, DestinationFolderId: b.root })],
    ] as Array<[string, (id: string) => ApiParams]>) {
      const foreign = comparable(await failure(rootB(action, params(a.account))));
      assert.deepEqual(foreign, comparable(await failure(rootB(action, params(MISSING_ACCOUNT)))), action);
      assert.equal(foreign.Code, 'EntityNotExists.Account', action);
    }
    // A's tree is unchanged.
    const mine = await server.client()('ListFoldersForParent', { ParentFolderId: a.root });
    assert.deepEqual(mine.Folders.Folder.map((f: any) => f.FolderId), [a.folder]);
    assert.equal((await server.client()('GetAccount', { AccountId: a.account })).Account.FolderId, a.subfolder);
  });

  it('a scoped RAM user of the other tenant is refused alike for foreign and missing IDs', async () => {
    const scoped = as('LTAIscopedB001');
    assert.equal((await scoped('GetFolder', { FolderId: b.folder })).Folder.FolderId, b.folder);
    const foreign: any = await failure(scoped('GetFolder', { FolderId: a.folder }));
    const missing: any = await failure(scoped('GetFolder', { FolderId: MISSING_FOLDER }));
    assert.deepEqual(comparable(foreign), comparable(missing));
    assert.equal(errorOf(foreign).code, 'NoPermission');
    const decode = (err: any) => JSON.parse(Buffer.from(err.accessDeniedDetail.EncodedDiagnosticMessage, 'base64').toString('utf8'));
    assert.equal(decode(foreign).AuthResource, `acs:resourcemanager::${B}:folder/${a.folder}`);
    assert.equal(decode(missing).AuthResource, `acs:resourcemanager::${B}:folder/${MISSING_FOLDER}`);
    assert.ok(!JSON.stringify(decode(foreign)).includes(a.rd) && !JSON.stringify(decode(foreign)).includes(A));
  });

  it('lists and counts show only the caller’s own tree', async () => {
    const rootB = as('LTAIrootB00001');
    const accountsB = await rootB('ListAccounts', { PageSize: 100 });
    const seenByB = JSON.stringify(accountsB);
    for (const id of [a.rd, a.root, a.folder, a.subfolder, a.account]) assert.ok(!seenByB.includes(id), `B's ListAccounts shows ${id}`);
    assert.ok(seenByB.includes(b.account));
    const foldersB = JSON.stringify(await rootB('ListFoldersForParent', { ParentFolderId: b.root }));
    for (const id of [a.folder, a.subfolder]) assert.ok(!foldersB.includes(id));
    const accountsA = await server.client()('ListAccounts', { PageSize: 100 });
    assert.ok(!JSON.stringify(accountsA).includes(b.account));
    assert.equal(accountsA.TotalCount, accountsA.Accounts.Account.length);
  });
});
