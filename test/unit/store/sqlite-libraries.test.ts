/**
 * The SQLite store runs on node:sqlite or on better-sqlite3 (src/store/sqlite/library.ts): each library that
 * this runtime has is checked here for what the store relies on, so both behave alike: the settings, rows as
 * plain objects, numbers, counts of changed rows, streaming, and errors classified the same way.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { StoreUnavailableError } from '../../../src/errors/store-error.js';
import { classifySqliteError, sqliteResultCode } from '../../../src/store/sqlite/errors.js';
import { availableSqliteLibraries, openSqliteDatabase, sqliteLibrary, type SqliteConnection } from '../../../src/store/sqlite/library.js';
import { applySettings, openSqliteStore } from '../../../src/store/sqlite/open.js';
import { withStatementCache } from '../../../src/store/sqlite/statements.js';
import { SQLITE_LIBRARIES } from '../../support/sqlite-libraries.js';

/** The error `work` throws (it must throw). */
function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error');
}

/** The first row of a pragma or query run directly on the library's database. */
function firstRow(db: SqliteConnection, text: string): Record<string, unknown> {
  return db.prepare(text).all([])[0] as Record<string, unknown>;
}

describe('the SQLite library of this runtime', () => {
  it('is node:sqlite where the runtime has it, else better-sqlite3', () => {
    const hasNodeSqlite = availableSqliteLibraries().includes('node:sqlite');
    assert.equal(sqliteLibrary(), hasNodeSqlite ? 'node:sqlite' : 'better-sqlite3');
    const major = Number(process.versions.node.split('.')[0]);
    // Node.js 20 has no node:sqlite; 24 and later have all the store needs (22 depends on its minor version).
    if (major === 20) assert.equal(hasNodeSqlite, false, `no node:sqlite on Node.js ${process.version}`);
    if (major >= 24) assert.equal(hasNodeSqlite, true, `node:sqlite on Node.js ${process.version}`);
  });
});

// Skipped test by test, not as a suite: so every runtime counts the same tests, and reports the skipped ones.
for (const { library, skip } of SQLITE_LIBRARIES) {
  describe(`SQLite through ${library}`, () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'rdc-sqlite-lib-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('takes the store settings: WAL, synchronous=FULL, a 5 s busy timeout, foreign keys', { skip }, () => {
      const db = openSqliteDatabase(join(dir, 'settings.sqlite'), library);
      try {
        applySettings(db);
        assert.deepEqual(firstRow(db, 'pragma journal_mode'), { journal_mode: 'wal' });
        assert.deepEqual(firstRow(db, 'pragma synchronous'), { synchronous: 2 }, 'FULL is 2');
        assert.deepEqual(firstRow(db, 'pragma busy_timeout'), { timeout: 5000 });
        assert.deepEqual(firstRow(db, 'pragma foreign_keys'), { foreign_keys: 1 });
      } finally {
        db.close();
      }
    });

    it('through Kysely: plain rows, numbers, counts of changed rows, insert IDs, RETURNING and streaming', { skip }, async () => {
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(openSqliteDatabase(':memory:', library)) }) });
      try {
        await sql`create table t (id integer primary key, name text not null unique, at integer, score real, data blob)`.execute(db);
        const inserted = await db.insertInto('t').values({ name: 'a', at: 1_765_000_000_123, score: 1.5, data: Buffer.from([1, 2]) }).executeTakeFirst();
        assert.equal(inserted.insertId, 1n, 'the rowid of the insert, as a bigint');
        assert.equal(inserted.numInsertedOrUpdatedRows, 1n);
        const returned = await db.insertInto('t').values({ name: 'b', at: 2 }).returning(['id', 'name']).execute();
        assert.deepEqual(returned, [{ id: 2, name: 'b' }], 'RETURNING answers rows');

        const rows = await db.selectFrom('t').selectAll().orderBy('id').execute();
        for (const row of rows) assert.equal(Object.getPrototypeOf(row), Object.prototype, 'a row is a plain object');
        assert.deepEqual(rows[1], { id: 2, name: 'b', at: 2, score: null, data: null });
        assert.equal(rows[0]!.at, 1_765_000_000_123, 'an integer of milliseconds is a number');
        assert.equal(rows[0]!.score, 1.5);
        assert.deepEqual(Buffer.from(rows[0]!.data as Uint8Array), Buffer.from([1, 2]), 'a blob comes back with its bytes');

        const updated = await db.updateTable('t').set({ at: 3 }).where('id', '>=', 1).executeTakeFirst();
        assert.equal(updated.numUpdatedRows, 2n, 'the count of updated rows');
        const deleted = await db.deleteFrom('t').where('name', '=', 'nobody').executeTakeFirst();
        assert.equal(deleted.numDeletedRows, 0n);

        const streamed: unknown[] = [];
        for await (const row of db.selectFrom('t').select(['id', 'name']).orderBy('id').stream()) streamed.push(row);
        assert.deepEqual(streamed, [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
        for (const row of streamed) assert.equal(Object.getPrototypeOf(row), Object.prototype, 'a streamed row is a plain object');

        const twice = await db.selectFrom('t').select('name').where('id', '=', 2).execute();
        assert.deepEqual(twice, [{ name: 'b' }], 'a cached statement runs again with new parameters');

        // Whatever a column is named, it comes back as a key of its own (node-sqlite.ts builds rows from the names).
        const [odd] = (await sql<Record<string, unknown>>`select 2 as "a""b\\c", 3 as "x y", 'v' as "constructor"`.execute(db)).rows;
        assert.equal(Object.getPrototypeOf(odd), Object.prototype);
        assert.deepEqual({ ...odd }, { 'a"b\\c': 2, 'x y': 3, constructor: 'v' });
        // A column named __proto__: better-sqlite3's row has no such property (seen on Node.js 20); node-sqlite.ts
        // keeps it as a property. Neither makes it the row's prototype.
        const [proto] = (await sql<Record<string, unknown>>`select 1 as "__proto__", 2 as "x"`.execute(db)).rows;
        assert.equal(Object.getPrototypeOf(proto), Object.prototype, 'never the prototype');
        assert.equal(proto!.x, 2);
        if (library === 'node:sqlite') assert.equal(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value, 1, 'a property of its own');
      } finally {
        await db.destroy();
      }
    });

    it('a constraint violation is named SQLITE_CONSTRAINT and left as it is (no store trouble)', { skip }, () => {
      const db = openSqliteDatabase(':memory:', library);
      try {
        db.exec('create table t (name text unique)');
        db.prepare('insert into t values (?)').run(['a']);
        const err = thrown(() => db.prepare('insert into t values (?)').run(['a']));
        assert.equal(sqliteResultCode(err), 'SQLITE_CONSTRAINT');
        assert.equal(classifySqliteError(err), err, 'not classified: the caller decides what a violation means');
      } finally {
        db.close();
      }
    });

    it('a file locked past busy_timeout, a read-only connection, a full database and a closed one are the store unavailable', { skip }, () => {
      const file = join(dir, 'errors.sqlite');
      const holder = openSqliteDatabase(file, library);
      const other = openSqliteDatabase(file, library);
      try {
        holder.exec('pragma journal_mode = WAL');
        holder.exec('create table t (x)');
        other.exec('pragma busy_timeout = 0');

        holder.exec('begin immediate');
        const busy = thrown(() => other.exec('begin immediate'));
        holder.exec('rollback');
        assert.equal(sqliteResultCode(busy), 'SQLITE_BUSY');
        assert.ok(classifySqliteError(busy) instanceof StoreUnavailableError, 'busy past busy_timeout: unavailable');

        other.exec('pragma query_only = 1');
        const readonly = thrown(() => other.exec('insert into t values (1)'));
        other.exec('pragma query_only = 0');
        assert.equal(sqliteResultCode(readonly), 'SQLITE_READONLY');
        assert.ok(classifySqliteError(readonly) instanceof StoreUnavailableError, 'read-only: unavailable');

        const pages = Number(firstRow(holder, 'pragma page_count').page_count);
        holder.exec(`pragma max_page_count = ${pages + 1}`);
        const full = thrown(() => holder.exec(`insert into t values (zeroblob(100000))`));
        assert.equal(sqliteResultCode(full), 'SQLITE_FULL');
        assert.ok(classifySqliteError(full) instanceof StoreUnavailableError, 'full: unavailable');
      } finally {
        holder.close();
        other.close();
      }
      const closed = thrown(() => holder.prepare('select 1'));
      assert.ok(classifySqliteError(closed) instanceof StoreUnavailableError, `closed: unavailable (${String(closed)})`);
    });

    it('the store keeps its nonces across a reopen', { skip }, async () => {
      const storeDir = join(dir, 'nonces');
      const first = await openSqliteStore(storeDir, undefined, library);
      const expiresAt = Date.now() + 60_000;
      for (let i = 0; i < 100; i++) assert.equal(await first.nonces.claim('LTAIkey', `n${i}`, expiresAt), true);
      await first.close();
      const second = await openSqliteStore(storeDir, undefined, library);
      try {
        assert.equal(await second.nonces.claim('LTAIkey', 'n42', expiresAt), false, 'a replay after the reopen');
        assert.equal(await second.nonces.claim('LTAIkey', 'fresh', expiresAt), true);
      } finally {
        await second.close();
      }
    });
  });
}

const both = availableSqliteLibraries().length === 2;
describe('one SQLite file, both libraries', () => {
  const skip = !both && `only ${availableSqliteLibraries().join(', ') || 'no library'} on Node.js ${process.version}: both run on Node.js 22.16+ with better-sqlite3 built for it`;
  it('what one library wrote, the other reads (an upgrade from Node.js 20 to 24 keeps its data folder)', { skip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-sqlite-both-'));
    try {
      const [writer, reader] = availableSqliteLibraries() as ['node:sqlite', 'better-sqlite3'];
      for (const [a, b] of [
        [writer, reader],
        [reader, writer],
      ] as const) {
        const first = await openSqliteStore(dir, undefined, a);
        await first.transaction((tx) => tx.meta.set(`written-by-${a}`, 'yes'));
        await first.close();
        const second = await openSqliteStore(dir, undefined, b);
        try {
          assert.equal(await second.meta.get(`written-by-${a}`), 'yes', `${b} reads what ${a} wrote`);
        } finally {
          await second.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
