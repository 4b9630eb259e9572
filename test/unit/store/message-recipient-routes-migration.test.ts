import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { migrations } from '../../../src/store/migrations/index.js';
import { openSqliteDatabase } from '../../../src/store/sqlite/library.js';

describe('migration 014: a message recipient keeps its routes, account count and named accounts', () => {
  it('a recipient from before: its accounts become Account routes, counted, and the first 50 by ID named with their display names', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openSqliteDatabase(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      assert.equal((await migrator.migrateTo('013_console_sessions')).error, undefined);
      const ids = Array.from({ length: 60 }, (_, i) => String(1000000000000100 + i));
      for (const id of ids) await sql`insert into message_accounts (message_id, account_id, display_name, covered) values ('m-1', ${id}, ${'acct-' + id}, 1)`.execute(db);
      const reversed = JSON.stringify([...ids].reverse());
      await sql`insert into message_recipients (message_id, contact_id, name, title, email, phone, account_ids) values ('m-1', 'c-a', 'n', 'CEO', 'e@example.com', '', ${reversed})`.execute(db);
      await sql`insert into message_recipients (message_id, contact_id, name, title, email, phone, account_ids) values ('m-1', 'c-b', 'n', 'CEO', 'f@example.com', '', '[]')`.execute(db);
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      const rows = await db.selectFrom('message_recipients').select(['contact_id', 'via', 'account_count', 'accounts']).orderBy('contact_id').execute();
      assert.deepEqual(
        rows.map((r) => ({ contact: r.contact_id, via: JSON.parse(r.via), count: Number(r.account_count), accounts: JSON.parse(r.accounts) })),
        [
          {
            contact: 'c-a',
            via: ids.map((id) => ({ type: 'Account', id })),
            count: 60,
            accounts: ids.slice(0, 50).map((id) => ({ accountId: id, displayName: 'acct-' + id })),
          },
          { contact: 'c-b', via: [], count: 0, accounts: [] },
        ],
      );
      const folders = await db.selectFrom('message_accounts').select('folder_id').distinct().execute();
      assert.deepEqual(folders, [{ folder_id: '' }], 'an account recorded before keeps no folder');
    } finally {
      await db.destroy();
    }
  });
});
