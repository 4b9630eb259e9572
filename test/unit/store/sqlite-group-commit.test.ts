import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SQLITE_LIBRARIES, freshSqliteStore } from '../../support/sqlite-libraries.js';

// Skipped test by test, not as a suite: so every runtime counts the same tests, and reports the skipped ones.
for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite transactions sharing one commit (${library})`, () => {
  const freshStore = freshSqliteStore(library, skip, 'rdc-group-commit-');

  it('keeps every transaction whole: one that fails leaves nothing, the others of its batch all land', { skip }, async () => {
    const store = freshStore();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.meta.set(`gc-a-${i}`, 'first');
          await tx.meta.set(`gc-b-${i}`, 'second');
          if (i % 5 === 3) throw new Error(`transaction ${i} gives up`);
          return i * 10;
        }),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      if (i % 5 === 3) {
        assert.equal(outcome.status, 'rejected', `transaction ${i} should fail`);
        assert.match(String((outcome as PromiseRejectedResult).reason), new RegExp(`transaction ${i} gives up`), `its own error reaches transaction ${i}'s caller`);
        assert.equal(await store.meta.get(`gc-a-${i}`), undefined, `nothing of failed transaction ${i} is kept`);
        assert.equal(await store.meta.get(`gc-b-${i}`), undefined, `nothing of failed transaction ${i} is kept`);
      } else {
        assert.deepEqual(outcome, { status: 'fulfilled', value: i * 10 }, `transaction ${i} answers its own result`);
        assert.equal(await store.meta.get(`gc-a-${i}`), 'first', `transaction ${i}'s first write is kept`);
        assert.equal(await store.meta.get(`gc-b-${i}`), 'second', `transaction ${i}'s second write is kept`);
      }
    }
  });

  it('a constraint violation in one transaction does not undo its neighbours', { skip }, async () => {
    const store = freshStore();
    const [ok1, bad, ok2] = await Promise.allSettled([
      store.transaction((tx) => tx.directories.createDirectory({ id: 'rd-GCok01', accountId: '1000000000000101', rootFolderId: 'r-GCok01', masterAccountName: 'a', createdAt: 1 }, 'Root')),
      store.transaction((tx) => tx.directories.createDirectory({ id: 'rd-GCok01', accountId: '1000000000000102', rootFolderId: 'r-GCok02', masterAccountName: 'b', createdAt: 1 }, 'Root')),
      store.transaction((tx) => tx.directories.createDirectory({ id: 'rd-GCok03', accountId: '1000000000000103', rootFolderId: 'r-GCok03', masterAccountName: 'c', createdAt: 1 }, 'Root')),
    ]);
    assert.equal(ok1!.status, 'fulfilled', 'the first directory is created');
    assert.equal(bad!.status, 'rejected', 'a second directory with the same ID is refused');
    assert.equal(ok2!.status, 'fulfilled', 'the third directory is created');
    assert.equal((await store.directories.directoryOf('1000000000000101'))?.id, 'rd-GCok01', 'the first directory is there');
    assert.equal(await store.directories.directoryOf('1000000000000102'), undefined, 'the refused directory left nothing');
    assert.equal(await store.folders.folderExists('r-GCok02'), false, "the refused directory's Root folder was rolled back with it");
    assert.equal((await store.directories.directoryOf('1000000000000103'))?.id, 'rd-GCok03', 'the third directory is there');
  });
});
