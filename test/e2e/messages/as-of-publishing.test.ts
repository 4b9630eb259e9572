/**
 * A message's accounts are those of its target as of publishing (the account placement log, migration 015):
 * GetMessage's AccountIds and UncoveredAccountIds and ListMessages by AccountId do not follow an account that
 * moves out of or into the target, is renamed or leaves the directory afterwards, nor one that joins later;
 * and they read the same after a restart; a publish racing moves sees one moment of the tree. Every change
 * goes through the Resource Directory API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import { dropTestStore, openTestDatabase } from '../../support/database.js';
import { seedContact } from '../../support/messages.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import type { Call } from '../../support/clients.js';

describe('a message keeps its accounts as of publishing', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-as-of-'));
  let server: TestServer;
  let rm: Call;
  let call: Call;
  let rd: ResourceDirectory;
  let folderA: string, folderB: string, folderC: string;
  let a1: string, a2: string, a3: string, a4: string;
  const published: Record<string, string> = {};
  const env = { RDC_ACCOUNT_DELETION_DELAY: '1' };

  const connect = async () => {
    server = await startTestServer(env, dataDir);
    rm = server.client();
    call = server.extensionClient();
  };
  const newAccount = async (name: string, folder: string) => (await rm('CreateResourceAccount', { DisplayName: name, ParentFolderId: folder })).Account.AccountId as string;
  const publish = async (targetId: string) => (await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: targetId })).MessageId as string;
  const accountsOf = async (messageId: string) => {
    const { Message } = await call('GetMessage', { MessageId: messageId });
    return { all: Message.AccountIds as string[], uncovered: Message.UncoveredAccountIds as string[] };
  };
  const messagesOf = async (accountId: string) => ((await call('ListMessages', { AccountId: accountId, PageSize: 50 })).Messages as Array<{ MessageId: string }>).map((m) => m.MessageId).sort();
  const sorted = (...ids: string[]) => [...ids].sort();

  before(async () => {
    await connect();
    await rm('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    rd = await server.app.services.directory.require(server.root.accountId);
    folderA = (await rm('CreateFolder', { FolderName: 'A' })).Folder.FolderId;
    folderB = (await rm('CreateFolder', { FolderName: 'B', ParentFolderId: folderA })).Folder.FolderId;
    folderC = (await rm('CreateFolder', { FolderName: 'C' })).Folder.FolderId;
    a1 = await newAccount('one', folderA);
    a2 = await newAccount('two', folderB);
    a3 = await newAccount('three', folderC);
    a4 = await newAccount('four', folderC);
    // FaultMessage reaches A's subtree (a1, a2); C's accounts (a3, a4) have nobody.
    await seedContact(server.store, rd, ['FaultMessage'], [folderA]);
    published.folder = await publish(folderA);
    published.directory = await publish(rd.id);
    published.account = await publish(a2);
    published.uncoveredAccount = await publish(a3);
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestStore(dataDir);
  });

  it('as published: the target’s accounts, the uncovered ones recorded', async () => {
    assert.deepEqual(await accountsOf(published.folder!), { all: sorted(a1, a2), uncovered: [] });
    assert.deepEqual(await accountsOf(published.directory!), { all: sorted(a1, a2, a3, a4), uncovered: sorted(a3, a4) });
    assert.deepEqual(await accountsOf(published.account!), { all: [a2], uncovered: [] });
    assert.deepEqual(await accountsOf(published.uncoveredAccount!), { all: [a3], uncovered: [a3] });
    const recorded = async (id: string) => (await server.store.messages.recordedAccountsOf(id)).map((a) => a.accountId);
    assert.deepEqual(await recorded(published.folder!), [], 'nothing is written per account of a covered target');
    assert.deepEqual(await recorded(published.directory!), sorted(a3, a4), 'only the uncovered accounts are written');
  });

  it('an account moving out of the target, one moving in, one renamed, one leaving and one joining change nothing of it', async () => {
    await rm('MoveAccount', { AccountId: a1, DestinationFolderId: folderC });
    await rm('MoveAccount', { AccountId: a3, DestinationFolderId: folderB });
    await rm('UpdateAccount', { AccountId: a2, NewDisplayName: 'two-renamed' });
    await rm('SetMemberDeletionPermission', { Status: 'Enabled' });
    await rm('DeleteAccount', { AccountId: a4 });
    await waitFor(async () => (await rm('GetAccountDeletionStatus', { AccountId: a4 })).RdAccountDeletionStatus.Status === 'Success');
    const a5 = await newAccount('five', folderA);

    assert.deepEqual(await accountsOf(published.folder!), { all: sorted(a1, a2), uncovered: [] });
    assert.deepEqual(await accountsOf(published.directory!), { all: sorted(a1, a2, a3, a4), uncovered: sorted(a3, a4) }, 'a3, covered now, was not then');
    assert.deepEqual(await accountsOf(published.account!), { all: [a2], uncovered: [] });
    assert.deepEqual(await accountsOf(published.uncoveredAccount!), { all: [a3], uncovered: [a3] });
    const record = (await server.store.messages.findById(published.folder!))!;
    const names = (await server.store.messages.accountsOf(record)).map((a) => [a.accountId, a.displayName]);
    assert.deepEqual(names, sorted(a1, a2).map((id) => [id, id === a1 ? 'one' : 'two']), 'the display names as published (a webhook sends these)');

    // A message published now sees the tree of now.
    published.after = await publish(folderA);
    assert.deepEqual(await accountsOf(published.after), { all: sorted(a2, a3, a5), uncovered: [] });
    published.afterDirectory = await publish(rd.id);
    assert.deepEqual(await accountsOf(published.afterDirectory), { all: sorted(a1, a2, a3, a5), uncovered: [a1] });
  });

  it('ListMessages by AccountId: the messages whose target held the account when they were published', async () => {
    const a5 = (await rm('ListAccountsForParent', { ParentFolderId: folderA })).Accounts.Account.find((a: { DisplayName: string }) => a.DisplayName === 'five').AccountId as string;
    await assertListed(a5);
  });

  it('the same after a restart', async () => {
    await server.stop();
    await connect();
    assert.deepEqual(await accountsOf(published.folder!), { all: sorted(a1, a2), uncovered: [] });
    assert.deepEqual(await accountsOf(published.directory!), { all: sorted(a1, a2, a3, a4), uncovered: sorted(a3, a4) });
    const a5 = (await rm('ListAccountsForParent', { ParentFolderId: folderA })).Accounts.Account.find((a: { DisplayName: string }) => a.DisplayName === 'five').AccountId as string;
    await assertListed(a5);
  });

  it('publishes racing moves each see one moment: AccountCount is the number of AccountIds; the open placements are the accounts', async () => {
    const from = (await rm('CreateFolder', { FolderName: 'D' })).Folder.FolderId as string;
    const to = (await rm('CreateFolder', { FolderName: 'E' })).Folder.FolderId as string;
    const movers: string[] = [];
    for (let i = 0; i < 8; i++) movers.push(await newAccount(`mover-${i}`, from));
    const moves = movers.map((id) => rm('MoveAccount', { AccountId: id, DestinationFolderId: to }));
    const publishes = Array.from({ length: 6 }, () => call('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: from }));
    const [, answers] = await Promise.all([Promise.all(moves), Promise.all(publishes)]);
    for (const { MessageId, AccountCount } of answers) {
      const { all } = await accountsOf(MessageId);
      assert.equal(all.length, AccountCount, `${MessageId}: ${AccountCount} accounts answered, ${all.length} listed`);
      assert.ok(all.every((id) => movers.includes(id)));
    }
    const db = openTestDatabase(server.dataDir);
    const [open, counted] = await Promise.all([
      db.selectFrom('account_placements').select(['account_id', 'display_name', 'folder_id']).where('until_seq', 'is', null).execute(),
      db.selectFrom('folders').select(['id', 'account_count']).where('account_count', '<>', 0).execute(),
    ]).finally(() => db.destroy());
    const accounts = (await rm('ListAccounts', { PageSize: 100 })).Accounts.Account.map((a: any) => `${a.AccountId} ${a.DisplayName} ${a.FolderId}`);
    assert.deepEqual(open.map((p) => `${p.account_id} ${p.display_name} ${p.folder_id}`).sort(), accounts.sort(), 'every account has one open placement, as it is now');
    const perFolder = new Map<string, number>();
    for (const a of (await rm('ListAccounts', { PageSize: 100 })).Accounts.Account) perFolder.set(a.FolderId, (perFolder.get(a.FolderId) ?? 0) + 1);
    assert.deepEqual(new Map(counted.map((f) => [f.id as string, Number(f.account_count)])), perFolder, "each folder's account count is its accounts'");
  });

  async function assertListed(a5: string): Promise<void> {
    const { folder, directory, account, uncoveredAccount, after: later, afterDirectory } = published as Record<string, string>;
    assert.deepEqual(await messagesOf(a1), sorted(folder!, directory!, afterDirectory!), 'a1 left A after the first two');
    assert.deepEqual(await messagesOf(a2), sorted(folder!, directory!, account!, later!, afterDirectory!));
    assert.deepEqual(await messagesOf(a3), sorted(directory!, uncoveredAccount!, later!, afterDirectory!), 'a3 came into A after the first');
    assert.deepEqual(await messagesOf(a4), sorted(directory!), 'a4 left the directory');
    assert.deepEqual(await messagesOf(a5), sorted(later!, afterDirectory!), 'a5 joined after the first four');
  }
});

async function waitFor(done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
