import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../../../src/ids.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { activeContactRecord } from '../../support/contacts.js';
import { openTestServices, type TestServices } from '../../support/services.js';

/** An Active contact written straight into the store. */
async function activeContact(t: TestServices, rd: ResourceDirectory, name: string, messageTypes: string[]): Promise<string> {
  const row = activeContactRecord(rd.id, name);
  await t.store.contacts.insert(row, messageTypes, []);
  return row.id;
}

describe('the deletion check at 10,000 accounts', () => {
  let t: TestServices;
  let rd: ResourceDirectory;
  const subfolders: string[] = [];
  const accounts: string[] = [];
  before(async () => {
    t = await openTestServices();
    rd = await t.services.directory.enable('1000000000000001', false);
    // Root → 10 folders → 10 subfolders each → 100 accounts each.
    await t.store.transaction(async (tx) => {
      const now = Date.now();
      for (let i = 0; i < 10; i++) {
        const top = newId.folder();
        await tx.folders.insertFolder({ id: top, directoryId: rd.id, parentId: rd.rootFolderId, name: `top${i}`, depth: 1, createdAt: now });
        for (let j = 0; j < 10; j++) {
          const sub = newId.folder();
          subfolders.push(sub);
          await tx.folders.insertFolder({ id: sub, directoryId: rd.id, parentId: top, name: `sub${j}`, depth: 2, createdAt: now });
          for (let k = 0; k < 100; k++) {
            const id = String(1_000_000_000_000_000 + accounts.length + 1);
            accounts.push(id);
            await tx.accounts.insertAccount({ id, directoryId: rd.id, folderId: sub, displayName: `a${id}`, accountName: `a${id}@x.com`, type: 'ResourceAccount', status: 'CreateSuccess', joinMethod: 'created', joinTime: now, modifyTime: now });
          }
        }
      }
    });
  });
  after(() => t.close());

  it('finds exactly the uncovered (account, message type) pairs, in one query, fast', async () => {
    assert.equal(accounts.length, 10_000);
    const now = Date.now();
    const target = await activeContact(t, rd, 'Target', ['AccountExpenses', 'SecurityMessage']);
    await t.store.bindings.bind([{ contactId: target, memberId: rd.id, directoryId: rd.id, folderId: rd.rootFolderId, accountId: null, createdAt: now, position: 0 }]);
    // Another contact covers AccountExpenses in half of the subfolders (5,000 accounts).
    const halves = await activeContact(t, rd, 'Halves', ['AccountExpenses']);
    await t.store.bindings.bind(subfolders.slice(0, 50).map((f, i) => ({ contactId: halves, memberId: f, directoryId: rd.id, folderId: f, accountId: null, createdAt: now, position: i })));
    // Another covers SecurityMessage for 100 accounts bound directly.
    const direct = await activeContact(t, rd, 'Direct', ['SecurityMessage']);
    await t.store.bindings.bind(accounts.slice(0, 100).map((a, i) => ({ contactId: direct, memberId: a, directoryId: rd.id, folderId: null, accountId: a, createdAt: now, position: i })));
    // 200 other accounts keep a retained contact for SecurityMessage.
    const retainedFor = accounts.slice(9_800);
    const kept = await activeContact(t, rd, 'Kept', ['SecurityMessage']);
    await t.store.bindings.bind(retainedFor.map((a, i) => ({ contactId: kept, memberId: a, directoryId: rd.id, folderId: null, accountId: a, createdAt: now, position: i })));
    await t.store.transaction(async (tx) => {
      await tx.coverage.retainCoverage(kept, now);
      await tx.contacts.remove(kept);
    });
    // A Verifying contact bound to everything covers nothing.
    const verifying = await activeContact(t, rd, 'Verifying', ['AccountExpenses', 'SecurityMessage']);
    await t.store.contacts.update(verifying, { status: 'Verifying' });
    await t.store.bindings.bind([{ contactId: verifying, memberId: rd.id, directoryId: rd.id, folderId: rd.rootFolderId, accountId: null, createdAt: now, position: 0 }]);

    const started = performance.now();
    const blockers = await t.store.coverage.deletionBlockers(target);
    const ms = performance.now() - started;
    console.log(`# deletion check over 10,000 accounts: ${blockers.length} blocking pairs in ${ms.toFixed(0)} ms`);

    const expense = blockers.filter((b) => b.messageType === 'AccountExpenses').map((b) => b.accountId);
    const security = new Set(blockers.filter((b) => b.messageType === 'SecurityMessage').map((b) => b.accountId));
    assert.equal(expense.length, 5_000);
    assert.deepEqual(new Set(expense), new Set(accounts.slice(5_000)));
    assert.equal(security.size, 9_700);
    for (const a of [...accounts.slice(0, 100), ...retainedFor]) assert.ok(!security.has(a), a);
    assert.ok(ms < 5_000, `took ${ms} ms`);

    // The target's coverage is every account for both types.
    assert.equal((await t.store.coverage.coverageOf(target)).length, 20_000);
  });
});
