/**
 * The SQLite store runs its hot point reads directly on its connection (sqlite/direct-reads.ts) when no
 * transaction is open there. A read made while the group commit holds a transaction open must not see that
 * transaction's rows: if it rolls back, they never existed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/open.js';
import type { Store } from '../../../src/store/store.js';
import { SQLITE_LIBRARIES } from '../../support/sqlite-libraries.js';

const directory = (n: number) => ({ id: `rd-direct000${n}`, accountId: `100000000000007${n}`, rootFolderId: `r-direct000${n}`, masterAccountName: 'master', createdAt: Date.now() });

for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite reads beside the group commit (${library})`, () => {
  let dir: string;
  let store: Store;
  before(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'rdc-direct-reads-'));
    store = await openSqliteStore(dir, undefined, library);
  });
  after(async () => {
    if (skip) return;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not see the rows of a transaction still open, which then rolls back', { skip }, async () => {
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

  it('reads a committed row at once, with no transaction open', { skip }, async () => {
    await store.transaction((tx) => tx.directories.createDirectory(directory(2), 'Root'));
    const found = await store.directories.directoryOf(directory(2).accountId);
    assert.equal(found?.id, directory(2).id);
  });
});
