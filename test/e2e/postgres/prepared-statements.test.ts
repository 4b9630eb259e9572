/**
 * PostgreSQL prepares the compiled queries once per connection (src/store/postgres/prepared.ts). A prepared
 * statement outlives a schema change made by another node (a rolling upgrade's migration): that call must be
 * the database's temporary trouble (a StoreError: 503, never a 500), and the next one must succeed. Outside a
 * transaction the compiled reads run directly (src/store/postgres/direct-reads.ts), in one through Kysely.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { StoreUnavailableError } from '../../../src/errors/store-error.js';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import type { Store } from '../../../src/store/store.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';

describe('compiled queries prepared on PostgreSQL', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let store: Store;
  /** Another node's migration: a statement on a connection of its own. */
  const migrate = async (statement: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  before(async () => {
    database = await freshTestDatabase();
    // One connection: every call below runs on the connection that prepared the statement.
    store = await openPostgresStore({ url: database.url, poolSize: 1 });
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('a table changed under a prepared statement fails one call as unavailable, and the next calls succeed', async () => {
    assert.equal(await store.directories.directoryOf('1000000000000001'), undefined);
    assert.equal(await store.directories.directoryOf('1000000000000002'), undefined, 'run again, prepared');

    await migrate('alter table directories add column added_by_another_node text');
    await assert.rejects(store.directories.directoryOf('1000000000000003'), StoreUnavailableError, 'a prepared select * of the changed table');
    assert.equal(await store.directories.directoryOf('1000000000000003'), undefined, 'prepared again under a new name');
    assert.equal(await store.directories.directoryOf('1000000000000004'), undefined);

    await migrate('alter table directories drop column added_by_another_node');
    await assert.rejects(store.directories.directoryOf('1000000000000005'), StoreUnavailableError);
    assert.equal(await store.directories.directoryOf('1000000000000005'), undefined);
  });

  it('the same in a transaction, whose reads go through Kysely rather than the direct reads', async () => {
    const inTransaction = (accountId: string) => store.transaction((tx) => tx.directories.directoryOf(accountId));
    assert.equal(await inTransaction('1000000000000011'), undefined);
    assert.equal(await inTransaction('1000000000000012'), undefined, 'run again, prepared');

    await migrate('alter table directories add column added_by_another_node text');
    await assert.rejects(inTransaction('1000000000000013'), StoreUnavailableError);
    assert.equal(await inTransaction('1000000000000013'), undefined, 'prepared again under a new name');
    assert.equal(await store.directories.directoryOf('1000000000000014'), undefined, 'and outside a transaction');

    await migrate('alter table directories drop column added_by_another_node');
    await assert.rejects(inTransaction('1000000000000015'), StoreUnavailableError);
    assert.equal(await inTransaction('1000000000000015'), undefined);
  });
});
