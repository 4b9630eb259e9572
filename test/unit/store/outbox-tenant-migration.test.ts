import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { migrations } from '../../../src/store/migrations/index.js';
import { openSqliteDatabase } from '../../../src/store/sqlite/library.js';

describe('migration 008: outbox rows name their tenant', () => {
  it('a row from before takes the tenant of its contact’s directory; one whose contact is gone stays without', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openSqliteDatabase(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      assert.equal((await migrator.migrateTo('006_housekeeping')).error, undefined);
      await sql`insert into directories (id, account_id, root_folder_id, master_account_name, created_at) values ('rd-a', '1000000000000001', 'r-a', 'a', 1)`.execute(db);
      await sql`insert into contacts (id, directory_id, name, email, email_verified, phone_verified, title, status, created_at) values ('c-a', 'rd-a', 'n', 'e@example.com', 0, 0, 'CEO', 'Verifying', 1)`.execute(db);
      for (const [id, contact] of [['m-1', 'c-a'], ['m-2', 'c-gone']]) {
        await sql`insert into outbox (id, channel, "to", subject, text, link, contact_id, sent_at) values (${id}, 'email', 'e@example.com', 's', 't', 'l', ${contact}, 1)`.execute(db);
      }
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      const rows = await db.selectFrom('outbox').select(['id', 'account_id']).orderBy('id').execute();
      assert.deepEqual(rows, [{ id: 'm-1', account_id: '1000000000000001' }, { id: 'm-2', account_id: null }]);
    } finally {
      await db.destroy();
    }
  });
});
