/**
 * The deletion check on PostgreSQL steers the planner to hash joins for its one query, inside the job's
 * transaction: the answer is the same as without the steering, and the transaction's planner settings are
 * what they were before once the check has run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { MESSAGE_TYPES } from '../../../src/domain/contact-rules.js';
import { newId } from '../../../src/ids.js';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import type { Repositories } from '../../../src/store/store.js';
import type { Database } from '../../../src/store/schema.js';
import type { Store } from '../../../src/store/store.js';
import { activeContactRecord } from '../../support/contacts.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';

const SETTINGS = ['enable_nestloop', 'enable_mergejoin', 'jit'] as const;

async function settingsOf(tx: Repositories): Promise<Record<string, string>> {
  // The transaction's own connection, which the repositories keep to themselves.
  const db = (tx as unknown as { db: Kysely<Database> }).db;
  const { rows } = await sql<Record<string, string>>`select ${sql.join(SETTINGS.map((s) => sql`current_setting(${s}) as ${sql.ref(s)}`))}`.execute(db);
  return rows[0]!;
}

describe('the deletion check on PostgreSQL', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let store: Store;
  let everyone: string;
  let onlyFault: string;
  const accounts = ['3000000000000001', '3000000000000002', '3000000000000003'];

  before(async () => {
    database = await freshTestDatabase();
    store = await openPostgresStore({ url: database.url, poolSize: 2 });
    const now = Date.now();
    const directoryId = newId.directory();
    const rootFolderId = newId.rootFolder();
    const folderId = newId.folder();
    const contact = (name: string) => activeContactRecord(directoryId, name, now);
    await store.transaction(async (tx) => {
      await tx.directories.createDirectory({ id: directoryId, accountId: '1000000000000001', rootFolderId, masterAccountName: 'm@example.com', createdAt: now }, 'Root');
      await tx.folders.insertFolder({ id: folderId, directoryId, parentId: rootFolderId, name: 'sub', depth: 1, createdAt: now });
      await tx.accounts.insertAccounts(
        accounts.map((id, i) => ({
          id,
          directoryId,
          folderId: i === 0 ? rootFolderId : folderId,
          displayName: `member-${i}`,
          accountName: `member-${i}@example.com`,
          type: 'ResourceAccount',
          status: 'CreateSuccess',
          joinMethod: 'created',
          joinTime: now,
          modifyTime: now,
        })),
      );
      // One contact covers the whole directory for every type; another covers the subfolder for FaultMessage.
      const a = contact('everyone');
      await tx.contacts.insert(a, MESSAGE_TYPES, []);
      await tx.bindings.bind([{ contactId: a.id, memberId: directoryId, directoryId, folderId: rootFolderId, accountId: null, createdAt: now, position: 0 }]);
      const b = contact('fault');
      await tx.contacts.insert(b, ['FaultMessage'], []);
      await tx.bindings.bind([{ contactId: b.id, memberId: folderId, directoryId, folderId, accountId: null, createdAt: now, position: 0 }]);
      everyone = a.id;
      onlyFault = b.id;
    });
  });

  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('answers inside a transaction as it does outside one, and leaves the planner settings as they were', async () => {
    const unsteered = await store.coverage.deletionBlockers(everyone);
    const expected = MESSAGE_TYPES.flatMap((type) => accounts.filter((account, i) => type !== 'FaultMessage' || i === 0).map((account) => ({ accountId: account, messageType: type })));
    const sort = (pairs: Array<{ accountId: string; messageType: string }>) => [...pairs].sort((x, y) => (x.accountId + x.messageType).localeCompare(y.accountId + y.messageType));
    assert.deepEqual(sort(unsteered), sort(expected), 'outside a transaction: every pair but the subfolder accounts’ FaultMessage');
    await store.transaction(async (tx) => {
      const before = await settingsOf(tx);
      const steered = await tx.coverage.deletionBlockers(everyone);
      assert.deepEqual(steered, unsteered, 'the same pairs in the same order inside the job’s transaction');
      assert.deepEqual(await settingsOf(tx), before, 'the planner settings are put back after the check');
      assert.deepEqual(await tx.coverage.deletionBlockers(onlyFault), [], 'the FaultMessage contact is covered by the other one everywhere');
    });
  });
});
