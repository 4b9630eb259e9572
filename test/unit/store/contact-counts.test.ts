/**
 * A directory's contact count (directories.contact_count, migration 007) is what AddMessageContact checks
 * the contact limit against: inserting and removing contacts keep it exact, a rolled-back insert leaves it
 * as it was, and removing the directory's contacts sets it to 0.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/open.js';
import { activeContactRecord as contact } from '../../support/contacts.js';
import type { Store } from '../../../src/store/store.js';

/** The count as AddMessageContact reads it: under the directory's lock. */
const countOf = (store: Store, directoryId: string) => store.transaction(async (tx) => (await tx.directories.lockDirectory(directoryId)).contactCount);

describe('the contact count a directory keeps', () => {
  it('follows inserts and removals, is rolled back with a failed insert, and is 0 after the directory is emptied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-counts-'));
    const store = await openSqliteStore(dir);
    try {
      const directoryId = 'rd-count0001';
      await store.directories.createDirectory({ id: directoryId, accountId: '1000000000000099', rootFolderId: 'r-count0001', masterAccountName: 'master', createdAt: Date.now() }, 'Root');
      const other = 'rd-count0002';
      await store.directories.createDirectory({ id: other, accountId: '1000000000000098', rootFolderId: 'r-count0002', masterAccountName: 'master', createdAt: Date.now() }, 'Root');
      assert.equal(await countOf(store, directoryId), 0);

      const added = [contact(directoryId, 'alice'), contact(directoryId, 'bob'), contact(directoryId, 'carol')];
      for (const c of added) await store.transaction((tx) => tx.contacts.insert(c, ['ServiceMessage'], []));
      await store.transaction((tx) => tx.contacts.insert(contact(other, 'dave'), [], []));
      assert.equal(await countOf(store, directoryId), 3);
      assert.equal(await countOf(store, other), 1, 'each directory counts its own');

      await store.transaction((tx) => tx.contacts.remove(added[1]!.id));
      assert.equal(await countOf(store, directoryId), 2);

      // The unique index refuses a second 'alice': the insert and its count change are rolled back together.
      await assert.rejects(store.transaction((tx) => tx.contacts.insert(contact(directoryId, 'alice'), [], [])));
      assert.equal(await countOf(store, directoryId), 2);

      await store.transaction((tx) => tx.contacts.removeDirectory(directoryId));
      assert.equal(await countOf(store, directoryId), 0);
      assert.equal(await countOf(store, other), 1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
