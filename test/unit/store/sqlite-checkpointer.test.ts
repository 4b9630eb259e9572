/**
 * WAL checkpoints run on a worker thread (src/store/sqlite/checkpointer.ts), never inside a commit on the
 * event loop: the store's connection has SQLite's automatic checkpoint off. In WAL mode only a checkpoint
 * writes the database file itself, so its size shows whether commits were checkpointed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Checkpointer } from '../../../src/store/sqlite/checkpointer.js';
import { SQLITE_FILE } from '../../../src/store/sqlite/open.js';
import { sqliteLibrary, sqliteModulePath } from '../../../src/store/sqlite/library.js';
import { SQLITE_LIBRARIES, freshSqliteStore } from '../../support/sqlite-libraries.js';
import { eventually } from '../../support/eventually.js';

for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite checkpoints on a worker thread (${library})`, () => {
  let dir = '';
  const freshStore = freshSqliteStore(library, skip, 'rdc-checkpointer-', (folder) => (dir = folder));

  it('copies committed pages into the database file, with the store\'s own automatic checkpoint off', { skip }, async () => {
    const store = freshStore();
    const file = join(dir, SQLITE_FILE);
    const before = statSync(file).size;
    // ~2 MB in 40 commits: past SQLite's own threshold (1,000 pages of 4 KiB) would be 4 MB.
    for (let i = 0; i < 40; i++) await store.transaction((tx) => tx.meta.set(`checkpointed-${i}`, 'x'.repeat(50_000)));
    const grown = await eventually('the database file to grow by a checkpoint', () => statSync(file).size > before + 1_000_000 && statSync(file).size, 10_000);
    assert.ok(grown > before + 1_000_000, `the database file grew from ${before} to ${grown} bytes`);
    assert.equal(await store.meta.get('checkpointed-39'), 'x'.repeat(50_000), 'what was checkpointed reads back');
  });
});

describe('the checkpointer thread failing', () => {
  it('says so once (the store then checkpoints on its own connection), and closes without waiting for it', async () => {
    const failures: Error[] = [];
    const library = sqliteLibrary();
    const checkpointer = new Checkpointer(join(tmpdir(), 'rdc-no-such-folder', 'x', SQLITE_FILE), library, sqliteModulePath(library), (err) => failures.push(err));
    checkpointer.committed();
    await eventually('the failure to be told', () => failures.length > 0, 10_000);
    checkpointer.committed();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(failures.length, 1, 'told once, and not started again');
    assert.match(failures[0]!.message, /unable to open|cannot open|no such/i);
    await checkpointer.close();
  });
});
