/**
 * The PostgreSQL store appends the audit trail's batches in one statement, one array per column made rows by
 * unnest (src/store/postgres/store.ts): every event of a batch of any length must be stored once, in the
 * batch's order, with its columns as given (quotes, backslashes, any Unicode), and a batch is all or none.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import type { Store } from '../../../src/store/store.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';
import { auditEntry, checkBatchesStored, storedAuditEvents } from '../../support/audit-entries.js';


describe('audit events appended in one statement on PostgreSQL', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let store: Store;
  const all = () => storedAuditEvents(store);

  before(async () => {
    database = await freshTestDatabase();
    store = await openPostgresStore({ url: database.url, poolSize: 2 });
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('stores every event of a batch once, in order, whatever its length, each column as given', async () => {
    await checkBatchesStored(store, (batch) => store.appendAuditEvents(batch));
  });

  it('stores none of a batch that fails, and appends the next one', async () => {
    const stored = await all();
    const failing = [auditEntry('never stored'), { ...auditEntry('duplicate'), eventId: stored[0]!.eventId }];
    await assert.rejects(store.appendAuditEvents(failing));
    assert.equal((await all()).length, stored.length);
    const next = [auditEntry('after a failed batch')];
    await store.appendAuditEvents(next);
    assert.deepEqual((await all()).slice(stored.length).map((r) => r.eventId), next.map((e) => e.eventId));
  });
});
