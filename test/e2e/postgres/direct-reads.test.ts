/**
 * The PostgreSQL store's direct reads (src/store/postgres/direct-reads.ts): a compiled read outside a
 * transaction runs on a pooled pg client without Kysely's executor. Its rows and its errors must be those of
 * Kysely's path (a transaction's reads): the same records, int8 as numbers, a lock wait past lock_timeout
 * busy (429), PostgreSQL gone unavailable (503) and served again by itself once it is back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { StoreBusyError, StoreUnavailableError } from '../../../src/errors/store-error.js';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import type { Store } from '../../../src/store/store.js';
import type { DirectoryRecord } from '../../../src/store/records.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';
import { CuttableProxy } from '../../support/cuttable-proxy.js';

const DIRECTORY: DirectoryRecord = { id: 'rd-direct01', accountId: '1000000000000001', rootFolderId: 'r-direct01', masterAccountName: 'direct', createdAt: 1_765_000_000_123 };

describe('direct reads on PostgreSQL', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let proxy: CuttableProxy;
  let store: Store;
  /** Another session, straight to PostgreSQL: it holds locks while the store's reads wait. */
  let other: pg.Client;

  before(async () => {
    database = await freshTestDatabase();
    proxy = await CuttableProxy.to(database.url);
    store = await openPostgresStore({ url: proxy.url, poolSize: 2 });
    await store.directories.createDirectory(DIRECTORY, 'Root');
    other = new pg.Client({ connectionString: database.url });
    await other.connect();
  });
  after(async () => {
    await other?.end();
    await store?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers the record a transaction reads, int8 as a number', async () => {
    const direct = await store.directories.directoryOf(DIRECTORY.accountId);
    const inTransaction = await store.transaction((tx) => tx.directories.directoryOf(DIRECTORY.accountId));
    assert.deepEqual(direct, DIRECTORY);
    assert.deepEqual(inTransaction, DIRECTORY);
    assert.equal(await store.directories.directoryOf('1000000000000002'), undefined, 'no row');
  });

  it('point reads of one turn, answered together, each give their own caller its own record', async () => {
    const others: DirectoryRecord[] = [2, 3, 4].map((n) => ({ ...DIRECTORY, id: `rd-direct0${n}`, accountId: `100000000000000${n}`, rootFolderId: `r-direct0${n}`, masterAccountName: `direct${n}` }));
    for (const d of others) await store.directories.createDirectory(d, 'Root');
    const asked = [DIRECTORY.accountId, '1000000000000009', ...others.map((d) => d.accountId), DIRECTORY.accountId];
    const answers = await Promise.all(asked.map((accountId) => store.directories.directoryOf(accountId)));
    assert.deepEqual(answers, [DIRECTORY, undefined, ...others, DIRECTORY]);
  });

  it("a value PostgreSQL refuses as text fails its own read only, not the other reads of its turn", async () => {
    const [good, bad] = await Promise.allSettled([store.directories.directoryOf(DIRECTORY.accountId), store.directories.directoryOf('10000\u000000001')]);
    assert.deepEqual(good, { status: 'fulfilled', value: DIRECTORY });
    assert.equal(bad.status, 'rejected');
  });

  it('a read waiting for a lock longer than lock_timeout is busy (429), and the connection serves the next read', async () => {
    await other.query('begin');
    await other.query('lock table directories in access exclusive mode');
    try {
      await assert.rejects(store.directories.directoryOf(DIRECTORY.accountId), StoreBusyError);
    } finally {
      await other.query('rollback');
    }
    assert.deepEqual(await store.directories.directoryOf(DIRECTORY.accountId), DIRECTORY);
  });

  it('PostgreSQL gone in the middle of a read, and while it is away: unavailable (503); back: served again', async () => {
    await other.query('begin');
    await other.query('lock table directories in access exclusive mode');
    const lost = assert.rejects(store.directories.directoryOf(DIRECTORY.accountId), StoreUnavailableError, 'the connection lost under a read');
    // The read waits for the lock when every connection is dropped.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.cut();
    await other.query('rollback');
    await lost;
    await assert.rejects(store.directories.directoryOf(DIRECTORY.accountId), StoreUnavailableError, 'no connection to be had');

    await proxy.open();
    assert.deepEqual(await store.directories.directoryOf(DIRECTORY.accountId), DIRECTORY);
  });
});
