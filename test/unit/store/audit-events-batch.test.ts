/**
 * The audit trail's batches are inserted in chunks of fixed sizes (repositories/audit-events.ts), or on SQLite
 * at once on the connection when no transaction is open (sqlite/audit-append.ts): every event of a batch of
 * any length must be stored once, in the batch's order, with its columns as given, all or none.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SQLITE_LIBRARIES, freshSqliteStore } from '../../support/sqlite-libraries.js';
import { auditEntry, checkBatchesStored, storedAuditEvents } from '../../support/audit-entries.js';


const all = storedAuditEvents;

for (const { library, skip } of SQLITE_LIBRARIES) describe(`audit events inserted in chunks (${library})`, () => {
  const freshStore = freshSqliteStore(library, skip, 'rdc-audit-batch-');

  it('stores every event of a batch once, in order, whatever its length', { skip }, async () => {
    const store = freshStore();
    await checkBatchesStored(store, (batch) => store.transaction((tx) => tx.auditEvents.insert(batch)));
  });

  it('appends a batch at once, or after the group commit that holds the connection, and all or none', { skip }, async () => {
    const store = freshStore();
    const stored = (await all(store)).length;
    const first = [auditEntry('at once'), auditEntry('at once')];
    await store.appendAuditEvents(first);
    assert.deepEqual((await all(store)).slice(stored).map((r) => r.eventId), first.map((e) => e.eventId));

    // A transaction open across turns of the event loop: the batch must not be written inside it (its
    // rollback would take the events with it), so it waits for the group commit and lands after it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = store.transaction(async (tx) => {
      await tx.auditEvents.insert([auditEntry('rolled back')]);
      await held;
      throw new Error('roll this transaction back');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = [auditEntry('after the group commit')];
    const appended = store.appendAuditEvents(waiting);
    release();
    await assert.rejects(rolledBack, /roll this transaction back/);
    await appended;
    assert.deepEqual((await all(store)).slice(stored).map((r) => r.eventId), [...first, ...waiting].map((e) => e.eventId));

    // A batch with an event ID already stored fails as a whole: none of its events is kept.
    const failing = [auditEntry('never stored'), { ...first[0]! }];
    await assert.rejects(store.appendAuditEvents(failing));
    assert.deepEqual((await all(store)).slice(stored).map((r) => r.eventId), [...first, ...waiting].map((e) => e.eventId));
    await store.appendAuditEvents([auditEntry('the connection is usable after a failed batch')]);
    assert.equal((await all(store)).length, stored + 4);
  });
});
