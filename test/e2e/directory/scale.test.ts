import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { newId } from '../../../src/ids.js';
import { memberAccountName } from '../../../src/domain/tree-names.js';

const ACCOUNTS = 10_000;

/**
 * 10,000 member accounts in a tree 5 folder levels deep. The tree is written straight into the store (creating
 * it through the API would take most of a minute); every call measured goes through the official client.
 */
describe('directory at scale: 10,000 accounts in 5 folder levels', () => {
  let server: TestServer;
  let call: Call;
  let rdId: string;
  let rootId: string;
  /** Folders by depth (1..5). */
  const byDepth: string[][] = [[], [], [], [], [], []];
  let deepAccount: string;

  before(async () => {
    server = await startTestServer({ RDC_MAX_ACCOUNTS_PER_DIRECTORY: '20000' });
    call = server.client('openapi-core-v3');
    const rd = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    rdId = rd.ResourceDirectoryId;
    rootId = rd.RootFolderId;
    byDepth[0] = [rootId];
    const fanOut = [0, 4, 3, 2, 2, 2];
    const now = Date.now();
    await server.store.transaction(async (tx) => {
      for (let depth = 1; depth <= 5; depth++) {
        for (const parent of byDepth[depth - 1]!) {
          for (let i = 0; i < fanOut[depth]!; i++) {
            const id = newId.folder();
            await tx.folders.insertFolder({ id, directoryId: rdId, parentId: parent, name: `d${depth}-${i}`, depth, createdAt: now });
            byDepth[depth]!.push(id);
          }
        }
      }
      const allFolders = byDepth.flat();
      for (let n = 0; n < ACCOUNTS; n++) {
        const id = String(1_000_000_000_000_000 + n);
        // Most accounts sit in the deepest folders; every folder gets some.
        const folder = n % 5 === 0 ? allFolders[n % allFolders.length]! : byDepth[5]![n % byDepth[5]!.length]!;
        await tx.accounts.insertAccount({
          id,
          directoryId: rdId,
          folderId: folder,
          displayName: `member ${n}`,
          accountName: memberAccountName(`m${n}`, rdId),
          type: 'ResourceAccount',
          status: 'CreateSuccess',
          joinMethod: 'created',
          joinTime: now + n,
          modifyTime: now + n,
        });
        if (n % 1000 === 0) await tx.tags.insertTags(id, [{ key: 'tier', value: 'gold' }]);
      }
    });
    deepAccount = '1000000000000001';
  });
  after(() => server.stop());

  /** The median time of three calls, in ms (a first call warms up and is not counted). */
  async function timed(run: () => Promise<unknown>): Promise<number> {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    return times.sort((x, y) => x - y)[1]!;
  }

  const LIMIT_MS = 200;

  it('lists, filters and pages all accounts quickly', async () => {
    const page = await call('ListAccounts', { PageSize: 100, PageNumber: 100, IncludeTags: true });
    assert.equal(page.TotalCount, ACCOUNTS);
    assert.equal(page.Accounts.Account.length, 100);
    for (const a of page.Accounts.Account) assert.equal(a.ResourceDirectoryPath.split('/').length >= 3, true);
    assert.ok((await timed(() => call('ListAccounts', { PageSize: 100, PageNumber: 100 }))) < LIMIT_MS, 'last page by number');
    assert.ok((await timed(() => call('ListAccounts', { PageSize: 100, QueryKeyword: 'member 99' }))) < LIMIT_MS, 'keyword');
    const gold = await call('ListAccounts', { PageSize: 100, Tag: [{ Key: 'tier', Value: 'gold' }] });
    assert.equal(gold.TotalCount, ACCOUNTS / 1000);
    assert.ok((await timed(() => call('ListAccounts', { PageSize: 100, Tag: [{ Key: 'tier', Value: 'gold' }] }))) < LIMIT_MS, 'tag filter');
  });

  it('walks all accounts by NextToken, each page quickly', async () => {
    let token: string | undefined;
    let seen = 0;
    let slowest = 0;
    do {
      const started = performance.now();
      const body = await call('ListAccounts', { MaxResults: 100, NextToken: token });
      slowest = Math.max(slowest, performance.now() - started);
      seen += body.Accounts.Account.length;
      token = body.NextToken || undefined;
    } while (token);
    assert.equal(seen, ACCOUNTS);
    assert.ok(slowest < LIMIT_MS * 2, `slowest token page ${slowest} ms`);
  });

  it('answers folder queries, ancestors and paths quickly', async () => {
    const leaf = byDepth[5]![7]!;
    const inLeaf = await call('ListAccountsForParent', { ParentFolderId: leaf, PageSize: 100 });
    assert.ok(inLeaf.TotalCount > 50);
    assert.ok((await timed(() => call('ListAccountsForParent', { ParentFolderId: leaf, PageSize: 100, PageNumber: 1 }))) < LIMIT_MS, 'accounts of a folder');
    assert.equal((await call('ListAncestors', { ChildId: leaf })).Folders.Folder.length, 5);
    assert.ok((await timed(() => call('ListAncestors', { ChildId: leaf }))) < LIMIT_MS, 'ancestors');
    assert.ok((await timed(() => call('ListFoldersForParent', { ParentFolderId: byDepth[4]![0] }))) < LIMIT_MS, 'subfolders');
    const account = (await call('GetAccount', { AccountId: deepAccount })).Account;
    assert.equal(account.ResourceDirectoryPath.split('/').length, 8, 'rd/root/5 folders/account');
    assert.ok(account.ResourceDirectoryPath.startsWith(`${rdId}/${rootId}/`));
    assert.ok((await timed(() => call('GetAccount', { AccountId: deepAccount }))) < LIMIT_MS, 'GetAccount');
  });

  it('moves and creates accounts quickly', async () => {
    const targets = [byDepth[5]![0]!, byDepth[1]![0]!];
    let i = 0;
    assert.ok((await timed(() => call('MoveAccount', { AccountId: deepAccount, DestinationFolderId: targets[i++ % 2] }))) < LIMIT_MS, 'MoveAccount');
    let n = 0;
    assert.ok((await timed(() => call('CreateResourceAccount', { DisplayName: `new ${n++}`, ParentFolderId: byDepth[5]![3] }))) < LIMIT_MS, 'CreateResourceAccount');
    assert.equal((await call('ListAccounts', {})).TotalCount, ACCOUNTS + 4);
  });
});
