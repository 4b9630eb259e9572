/**
 * The SQLite store keeps the caller's directory, which every directory call reads, in memory until a write to
 * `directories`, and a contact read with its details (and the plain lists' pages and counts) until a write to
 * a table they read (sqlite/read-memo.ts). Every such write must forget them before it commits: a row deleted,
 * created or changed is read as it now is; writes to other tables keep them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SQLITE_LIBRARIES, freshSqliteStore } from '../../support/sqlite-libraries.js';
import { openSqliteDatabase } from '../../../src/store/sqlite/library.js';
import { SQLITE_FILE } from '../../../src/store/sqlite/open.js';
import { ReadMemo } from '../../../src/store/sqlite/read-memo.js';
import { auditEntry } from '../../support/audit-entries.js';
import type { ContactRecord } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';

const directory = (n: number) => ({ id: `rd-memo00000${n}`, accountId: `100000000000008${n}`, rootFolderId: `r-memo00000${n}`, masterAccountName: 'master', createdAt: Date.now() });

const contact = (n: number, directoryId: string): ContactRecord => ({
  id: `c-memo00000${n}`,
  directoryId,
  name: `memo${n}`,
  email: `memo${n}@example.com`,
  emailVerified: false,
  phone: null,
  phoneVerified: false,
  title: 'TechnicalDirector',
  status: 'Verifying',
  deletionStatus: null,
  deletionFailures: [],
  createdAt: Date.now(),
});

for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite's hot reads kept until a write to their tables (${library})`, () => {
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
    // A write to another table keeps it (here the audit trail's, through Kysely's path)…
    await store.transaction((tx) => tx.auditEvents.insert([auditEntry('a write to another table')]));
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'master');
    // …and a write to directories, to any row of it, forgets it.
    await store.transaction((tx) => tx.directories.createDirectory(directory(2), 'Root'));
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'renamed elsewhere');
  });

  it('answers a contact (with its details or alone) and the lists from memory until a write to contacts, their message types or bindings', { skip }, async () => {
    const store = freshStore();
    const d = directory(6);
    await store.transaction((tx) => tx.directories.createDirectory(d, 'Root'));
    const c = contact(1, d.id);
    await store.transaction((tx) => tx.contacts.insert(c, ['ServiceMessage'], []));
    await store.transaction((tx) => tx.bindings.bind([{ contactId: c.id, memberId: d.id, directoryId: d.id, folderId: null, accountId: null, createdAt: Date.now(), position: 0 }]));
    const reads = (s: Store) => ({
      get: () => s.contacts.findWithDetails(d.id, c.id),
      byDirectory: () => s.contacts.list({ directoryId: d.id }, 0, 10),
      byMember: () => s.contacts.list({ directoryId: d.id, memberId: d.id }, 0, 10),
    });
    const { get, byDirectory, byMember } = reads(store);
    const titles = async () => [(await get())?.contact.title, (await byDirectory()).rows[0]?.contact.title, (await byMember()).rows[0]?.contact.title, (await store.contacts.find(d.id, c.id))?.title];
    assert.deepEqual(await titles(), ['TechnicalDirector', 'TechnicalDirector', 'TechnicalDirector', 'TechnicalDirector']);
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'master');
    // Changed behind the store's back, as above: what the store answers shows whether it read SQLite.
    const behind = (statement: string) => {
      const other = openSqliteDatabase(join(dir, SQLITE_FILE), library);
      try {
        other.exec(statement);
      } finally {
        other.close();
      }
    };
    behind(`update contacts set title = 'Elsewhere' where id = '${c.id}'`);
    behind(`update directories set master_account_name = 'renamed elsewhere' where id = '${d.id}'`);
    assert.deepEqual(await titles(), ['TechnicalDirector', 'TechnicalDirector', 'TechnicalDirector', 'TechnicalDirector'], 'kept');
    // Writes to other tables keep them, the directory's included…
    await store.transaction((tx) => tx.auditEvents.insert([auditEntry('a write to another table')]));
    await store.transaction((tx) => tx.directories.createDirectory(directory(7), 'Root'));
    assert.deepEqual(await titles(), ['TechnicalDirector', 'TechnicalDirector', 'TechnicalDirector', 'TechnicalDirector'], 'a write to directories keeps contacts');
    // …while a write to contacts forgets the contact reads and keeps the directory.
    await store.transaction((tx) => tx.contacts.update(c.id, { title: 'FinanceDirector' }));
    assert.deepEqual(await titles(), ['FinanceDirector', 'FinanceDirector', 'FinanceDirector', 'FinanceDirector']);
    assert.equal((await store.directories.directoryOf(d.accountId))?.masterAccountName, 'renamed elsewhere', 'forgotten by the directory written above');
    // Each detail table forgets them too.
    behind(`update contacts set title = 'Elsewhere again' where id = '${c.id}'`);
    await store.transaction((tx) => tx.contacts.replaceMessageTypes(c.id, ['FaultMessage']));
    assert.deepEqual((await get())?.messageTypes, ['FaultMessage']);
    assert.equal((await byDirectory()).rows[0]?.contact.title, 'Elsewhere again');
    await store.transaction((tx) => tx.bindings.unbind(c.id, [d.id]));
    assert.deepEqual((await get())?.bindings, []);
    assert.deepEqual(await byMember(), { total: 0, rows: [] });
    // A contact removed is not found.
    await store.transaction((tx) => tx.contacts.remove(c.id));
    assert.equal(await get(), undefined);
    assert.equal(await store.contacts.find(d.id, c.id), undefined);
    assert.equal((await byDirectory()).rows.length, 0);
  });

  it('has a schema where only statements naming a table change its rows: no triggers, views or foreign keys', { skip }, async () => {
    freshStore();
    const file = openSqliteDatabase(join(dir, SQLITE_FILE), library);
    try {
      const objects = file.prepare("select type, name from sqlite_master where type in ('trigger', 'view')").all([]);
      assert.deepEqual(objects, [], 'a trigger or view could change a kept table without naming it: see src/store/sqlite/read-memo.ts');
      const tables = (file.prepare("select name from sqlite_master where type = 'table'").all([]) as Array<{ name: string }>).map((t) => t.name);
      assert.ok(tables.includes('directories'));
      for (const table of tables) {
        const keys = file.prepare(`pragma foreign_key_list("${table}")`).all([]);
        assert.deepEqual(keys, [], `${table} has a foreign key, whose actions could change a kept table: see src/store/sqlite/read-memo.ts`);
      }
    } finally {
      file.close();
    }
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
  it('keeps rows by table, statement and parameters, frozen, until a write names a kept table', () => {
    const memo = new ReadMemo();
    memo.keep(['directories'], 'select a', ['1'], [{ a: 1 }]);
    memo.keep(['directories'], 'select a', ['2'], []);
    memo.keep(['directories'], 'select b', [1, 'x'], [{ b: 2 }]);
    assert.deepEqual(memo.rows('select a', ['1']), [{ a: 1 }]);
    assert.deepEqual(memo.rows('select a', ['2']), []);
    assert.deepEqual(memo.rows('select b', [1, 'x']), [{ b: 2 }]);
    assert.equal(memo.rows('select b', ['1', 'x']), undefined);
    assert.throws(() => ((memo.rows('select a', ['1'])![0] as { a: number }).a = 3), TypeError);
    // Reads, and writes to other tables (a name that only contains the table's is another table), keep them.
    for (const statement of ['select * from "directories"', 'insert into "nonce_batches" ("id") values (?)', 'update "directories_archive" set "a" = 1', 'delete from "contacts" where "directory_id" = ?']) {
      memo.forgetWrittenBy(statement);
      assert.deepEqual(memo.rows('select a', ['1']), [{ a: 1 }], statement);
    }
    memo.forgetWrittenBy('update directories set placement_seq = 1');
    assert.equal(memo.rows('select a', ['1']), undefined, 'an unquoted name forgets');
    memo.keep(['directories'], 'select a', ['1'], [{ a: 1 }]);
    memo.forgetWrittenBy('delete from "Directories" where "id" = ?');
    assert.equal(memo.rows('select a', ['1']), undefined, 'a quoted name, in any case, forgets');
  });

  it('forgets only the statements that read the table a write names', () => {
    const memo = new ReadMemo();
    memo.keep(['directories'], 'select d', ['1'], [{ d: 1 }]);
    memo.keep(['contacts', 'contact_bindings'], 'select c', ['1'], [{ c: 1 }]);
    memo.forgetWrittenBy('insert into "contact_bindings" ("contact_id") values (?)');
    assert.equal(memo.rows('select c', ['1']), undefined);
    assert.deepEqual(memo.rows('select d', ['1']), [{ d: 1 }]);
    memo.keep(['contacts', 'contact_bindings'], 'select c', ['1'], [{ c: 1 }]);
    memo.forgetWrittenBy('update "directories" set "contact_count" = 1');
    assert.equal(memo.rows('select d', ['1']), undefined);
    assert.deepEqual(memo.rows('select c', ['1']), [{ c: 1 }]);
    memo.forgetWrittenBy('delete from "contacts" where "id" = ?');
    assert.equal(memo.rows('select c', ['1']), undefined);
  });

  it('counts rows, not answers, against its capacity', () => {
    const memo = new ReadMemo();
    memo.keep(['contacts'], 'select page', ['1'], Array.from({ length: 9_999 }, (_, i) => ({ i })));
    memo.keep(['contacts'], 'select page', ['2'], [{ i: 0 }]);
    assert.ok(memo.rows('select page', ['1']));
    memo.keep(['contacts'], 'select page', ['3'], []);
    assert.equal(memo.rows('select page', ['1']), undefined, 'past 10,000 rows it started again');
    assert.deepEqual(memo.rows('select page', ['3']), []);
  });

  it('starts again empty past its capacity instead of growing', () => {
    const memo = new ReadMemo();
    for (let i = 0; i < 10_000; i++) memo.keep(['directories'], 'select a', [String(i)], []);
    assert.deepEqual(memo.rows('select a', ['0']), []);
    memo.keep(['directories'], 'select a', ['another'], []);
    assert.equal(memo.rows('select a', ['0']), undefined);
    assert.deepEqual(memo.rows('select a', ['another']), []);
  });
});
