import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../../src/store/migrations/index.js';
import { TEST_STORE, dropTestStore, openTestDatabase, testStoreEnv } from '../../support/database.js';
import { Repositories } from '../../../src/store/repositories/index.js';
import type { Database } from '../../../src/store/schema.js';
import type { StoreTraits } from '../../../src/store/traits.js';

const A1 = '1000000000000001';
const A2 = '1000000000000002';
const TRAITS: StoreTraits =
  TEST_STORE === 'postgres'
    ? { skipLocked: true, transactionPlannerSettings: true, jsonArrayAggregate: 'json_agg', lockWaitsHoldConnections: true, arrayParameters: true }
    : { skipLocked: false, transactionPlannerSettings: false, jsonArrayAggregate: 'json_group_array', lockWaitsHoldConnections: false, arrayParameters: false };

/** On the store of this run (SQLite, or PostgreSQL with RDC_TEST_STORE=postgres). */
describe('migration 015: the account placement log', () => {
  it('folders get their paths and account counts, accounts an open placement; a message from before keeps its recorded accounts; the log goes on from there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-015-'));
    await testStoreEnv(dir);
    const db = openTestDatabase(dir);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      assert.equal((await migrator.migrateTo('014_message_recipient_routes')).error, undefined);
      await sql`insert into directories (id, account_id, root_folder_id, master_account_name, created_at) values ('rd-1', '1900000000000000', 'r-1', 'm', 0)`.execute(db);
      for (const [id, parent, depth] of [['r-1', null, 0], ['fd-a', 'r-1', 1], ['fd-b', 'fd-a', 2]] as const) {
        await sql`insert into folders (id, directory_id, parent_id, name, depth, created_at) values (${id}, 'rd-1', ${parent}, ${id}, ${depth}, 0)`.execute(db);
      }
      for (const [id, folder] of [[A1, 'fd-b'], [A2, 'r-1']] as const) {
        await sql`insert into accounts (id, directory_id, folder_id, display_name, account_name, type, status, join_method, join_time, modify_time)
                  values (${id}, 'rd-1', ${folder}, ${'acct-' + id}, ${id + '@x'}, 'ResourceAccount', 'CreateSuccess', 'created', 0, 0)`.execute(db);
      }
      // A message of 014 to the directory: every account recorded with it, A2 uncovered.
      await sql`insert into messages (id, tenant, directory_id, message_type, subject, content, target_id, client_token, account_count, recipient_count, created_at)
                values ('m-old', '1900000000000000', 'rd-1', 'FaultMessage', 's', 'c', 'rd-1', null, 2, 0, 0)`.execute(db);
      for (const [id, covered] of [[A1, 1], [A2, 0]] as const) {
        await sql`insert into message_accounts (message_id, account_id, display_name, folder_id, covered) values ('m-old', ${id}, ${'then-' + id}, 'x', ${covered})`.execute(db);
      }

      assert.equal((await migrator.migrateToLatest()).error, undefined);
      const folders = await db.selectFrom('folders').select(['id', 'path', 'account_count']).orderBy('depth').execute();
      assert.deepEqual(
        folders.map((f) => [f.id, f.path, Number(f.account_count)]),
        [
          ['r-1', '/r-1/', 1],
          ['fd-a', '/r-1/fd-a/', 0],
          ['fd-b', '/r-1/fd-a/fd-b/', 1],
        ],
      );
      const placements = await db.selectFrom('account_placements').selectAll().orderBy('account_id').execute();
      assert.deepEqual(
        placements.map((p) => [p.account_id, p.directory_id, Number(p.since_seq), p.until_seq, p.display_name, p.folder_id, p.folder_path]),
        [
          [A1, 'rd-1', 1, null, 'acct-' + A1, 'fd-b', '/r-1/fd-a/fd-b/'],
          [A2, 'rd-1', 1, null, 'acct-' + A2, 'r-1', '/r-1/'],
        ],
      );

      const repos = new Repositories(db as Kysely<Database>, TRAITS);
      const old = (await repos.messages.findById('m-old'))!;
      assert.deepEqual([old.placementSeq, old.targetPath], [null, null]);
      const asRecorded = [
        { accountId: A1, displayName: 'then-' + A1, folderId: 'x', covered: true },
        { accountId: A2, displayName: 'then-' + A2, folderId: 'x', covered: false },
      ];
      assert.deepEqual(await repos.messages.accountsOf(old), asRecorded, 'a message from before reads the accounts recorded with it');

      // A move after the migration: the log goes on at sequence 2; the old message still lists both, by its record.
      await repos.accounts.moveAccount(A1, 'r-1', 1);
      assert.equal(await repos.placements.sequence('rd-1'), 2);
      const a1 = await db.selectFrom('account_placements').select(['since_seq', 'until_seq', 'folder_path']).where('account_id', '=', A1).orderBy('since_seq').execute();
      assert.deepEqual(a1.map((p) => [Number(p.since_seq), p.until_seq === null ? null : Number(p.until_seq), p.folder_path]), [[1, 2, '/r-1/fd-a/fd-b/'], [2, null, '/r-1/']]);
      assert.deepEqual(await repos.messages.accountsOf(old), asRecorded);
      const counts = await db.selectFrom('folders').select(['id', 'account_count']).orderBy('depth').execute();
      assert.deepEqual(counts.map((f) => [f.id, Number(f.account_count)]), [['r-1', 2], ['fd-a', 0], ['fd-b', 0]], 'the folder counts follow the move');
      const listed = await repos.messages.list({ tenant: '1900000000000000', accountId: A1 }, 0, 10);
      assert.deepEqual(listed.rows.map((m) => m.id), ['m-old'], 'ListMessages by AccountId finds a message from before by its record');

      assert.equal((await migrator.migrateTo('014_message_recipient_routes')).error, undefined, 'and back down');
    } finally {
      await db.destroy();
      await dropTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
