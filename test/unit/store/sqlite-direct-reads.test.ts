/**
 * The SQLite store runs its hot point reads directly on its connection (sqlite/direct-reads.ts) when no
 * transaction is open there. A read made while the group commit holds a transaction open must not see that
 * transaction's rows: if it rolls back, they never existed. Nor may one see them between their commit and
 * the flush that makes them durable (sqlite/group-commit.ts): a power cut then would take back what a reader
 * was shown.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SQLITE_LIBRARIES, freshSqliteStore } from '../../support/sqlite-libraries.js';

const directory = (n: number) => ({ id: `rd-direct000${n}`, accountId: `100000000000007${n}`, rootFolderId: `r-direct000${n}`, masterAccountName: 'master', createdAt: Date.now() });

for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite reads beside the group commit (${library})`, () => {
  const freshStore = freshSqliteStore(library, skip, 'rdc-direct-reads-');

  it('does not see the rows of a transaction still open, which then rolls back', { skip }, async () => {
    const store = freshStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const rolledBack = store.transaction(async (tx) => {
      await tx.directories.createDirectory(directory(1), 'Root');
      written();
      await gate;
      throw new Error('rolled back on purpose');
    });
    await wrote;
    // The transaction is open on the connection now, its directory written but not committed.
    const read = store.directories.directoryOf(directory(1).accountId);
    release();
    await assert.rejects(rolledBack, /rolled back on purpose/);
    assert.equal(await read, undefined);
  });

  it('does not see committed rows before the flush that makes them durable', { skip }, async () => {
    const store = freshStore();
    const events: string[] = [];
    let answered = false;
    const writing = store.transaction((tx) => tx.directories.createDirectory(directory(3), 'Root')).then(() => {
      answered = true;
      events.push('write answered');
    });
    // Reads on every turn of the event loop until the write is answered, through its commit and its flush.
    const reads: Array<Promise<void>> = [];
    while (!answered) {
      reads.push(
        store.directories.directoryOf(directory(3).accountId).then((found) => {
          if (found) events.push('read found it');
        }),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([writing, ...reads]);
    assert.ok(reads.length > 1, 'reads were made while the write was in progress');
    assert.equal(events[0], 'write answered', `no read saw the row before its write was answered (durable): ${events.slice(0, 3).join(', ')}`);
  });

  it('reads a committed row at once, with no transaction open', { skip }, async () => {
    const store = freshStore();
    await store.transaction((tx) => tx.directories.createDirectory(directory(2), 'Root'));
    const found = await store.directories.directoryOf(directory(2).accountId);
    assert.equal(found?.id, directory(2).id);
  });
});
