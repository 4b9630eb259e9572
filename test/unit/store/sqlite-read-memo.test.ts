/**
 * The SQLite store keeps the caller's directory, which every directory call reads, in memory from one write
 * to the next (sqlite/read-memo.ts). Every write through the store must forget it before it commits: a
 * directory deleted, created or changed is read as it now is.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SQLITE_LIBRARIES, freshSqliteStore } from '../../support/sqlite-libraries.js';
import { openSqliteDatabase } from '../../../src/store/sqlite/library.js';
import { SQLITE_FILE } from '../../../src/store/sqlite/open.js';
import { ReadMemo } from '../../../src/store/sqlite/read-memo.js';

const directory = (n: number) => ({ id: `rd-memo00000${n}`, accountId: `100000000000008${n}`, rootFolderId: `r-memo00000${n}`, masterAccountName: 'master', createdAt: Date.now() });

for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite's directory kept until the next write (${library})`, () => {
  let dir = '';
  const freshStore = freshSqliteStore(library, skip, 'rdc-read-memo-', (folder) => (dir = folder));

  it('answers a directory from memory until a write, then from the file again', { skip }, async () => {
    const store = freshStore();
    const d = directory(1);
    await store.transaction((tx) => tx.directories.createDirectory(d, 'Root'));
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'master');
    // Changed behind the store's back (the memo assumes no other process writes the file, as the nonces do):
    // the store still answers the row it keeps, which shows the read did not reach SQLite.
    const other = openSqliteDatabase(join(dir, SQLITE_FILE), library);
    try {
      other.exec(`update directories set master_account_name = 'renamed elsewhere' where id = '${d.id}'`);
    } finally {
      other.close();
    }
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'master');
    // Any write through the store forgets what was kept, here one to another table.
    await store.transaction((tx) => tx.directories.createDirectory(directory(2), 'Root'));
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'renamed elsewhere');
  });

  it('does not answer a directory that was deleted', { skip }, async () => {
    const store = freshStore();
    const d = directory(3);
    await store.transaction((tx) => tx.directories.createDirectory(d, 'Root'));
    const found = await store.directories.directoryOf(d.accountId);
    assert.equal(found?.id, d.id);
    await store.transaction((tx) => tx.directories.deleteDirectory(found!));
    assert.equal(await store.directories.directoryOf(d.accountId), undefined);
  });

  it('finds a directory created after a read that found none', { skip }, async () => {
    const store = freshStore();
    const d = directory(4);
    assert.equal(await store.directories.directoryOf(d.accountId), undefined);
    await store.transaction((tx) => tx.directories.createDirectory(d, 'Root'));
    assert.equal((await store.directories.directoryOf(d.accountId))?.id, d.id);
  });

  it('answers a directory deleted and made again as it now is', { skip }, async () => {
    const store = freshStore();
    const d = directory(5);
    await store.transaction((tx) => tx.directories.createDirectory(d, 'Root'));
    await store.directories.directoryOf(d.accountId);
    await store.transaction((tx) => tx.directories.deleteDirectory(d));
    await store.transaction((tx) => tx.directories.createDirectory({ ...d, masterAccountName: 'again' }, 'Root'));
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'again');
  });
});

describe('ReadMemo', () => {
  it('keeps rows by statement and parameters, frozen, until it forgets', () => {
    const memo = new ReadMemo();
    memo.keep('select a', ['1'], [{ a: 1 }]);
    memo.keep('select a', ['2'], []);
    memo.keep('select b', [1, 'x'], [{ b: 2 }]);
    assert.deepEqual(memo.rows('select a', ['1']), [{ a: 1 }]);
    assert.deepEqual(memo.rows('select a', ['2']), []);
    assert.deepEqual(memo.rows('select b', [1, 'x']), [{ b: 2 }]);
    assert.equal(memo.rows('select b', ['1', 'x']), undefined);
    assert.throws(() => ((memo.rows('select a', ['1'])![0] as { a: number }).a = 3), TypeError);
    memo.forget();
    assert.equal(memo.rows('select a', ['1']), undefined);
  });

  it('starts again empty past its capacity instead of growing', () => {
    const memo = new ReadMemo();
    for (let i = 0; i < 10_000; i++) memo.keep('select a', [String(i)], []);
    assert.deepEqual(memo.rows('select a', ['0']), []);
    memo.keep('select a', ['another'], []);
    assert.equal(memo.rows('select a', ['0']), undefined);
    assert.deepEqual(memo.rows('select a', ['another']), []);
  });
});
