import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableSqliteLibraries, type SqliteLibrary } from '../../src/store/sqlite/library.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/store.js';

const available = availableSqliteLibraries();

/**
 * Both SQLite libraries the store runs on (src/store/sqlite/library.ts), each with why it is skipped on this
 * runtime: node:sqlite exists unflagged and complete on Node.js 22.16+ and 24 only; better-sqlite3 is an
 * optional dependency whose addon loads only when built for the running Node.js, and is never used on 24.
 */
export const SQLITE_LIBRARIES: Array<{ library: SqliteLibrary; skip: string | false }> = [
  {
    library: 'node:sqlite',
    skip: !available.includes('node:sqlite') && `node:sqlite is not available (unflagged, with StatementSync#columns) on Node.js ${process.version}: Node.js 22.16+ and 24 have it`,
  },
  {
    library: 'better-sqlite3',
    skip:
      !available.includes('better-sqlite3') &&
      (Number(process.versions.node.split('.')[0]) >= 24
        ? `better-sqlite3 12 is never used on Node.js ${process.version}: its addon aborts the process at exit there (src/store/sqlite/library.ts); node:sqlite is the store's library here`
        : `better-sqlite3 is not installed or its addon was not built for Node.js ${process.version} (an optional dependency, needed only where node:sqlite is missing)`),
  },
];

/**
 * A store over `library` in a fresh folder (named from `folderPrefix`) for the tests of the describe block
 * this is called in: opened before them, closed and removed after; never opened when `skip` says why not.
 * The tests get it by calling the function returned; `onFolder` is told the folder.
 */
export function freshSqliteStore(library: SqliteLibrary, skip: string | false, folderPrefix: string, onFolder?: (dir: string) => void): () => Store {
  let dir: string;
  let store: Store;
  before(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), folderPrefix));
    onFolder?.(dir);
    store = await openSqliteStore(dir, undefined, library);
  });
  after(async () => {
    if (skip) return;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => store;
}
