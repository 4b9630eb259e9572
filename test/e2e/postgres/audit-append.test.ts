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
import { AUDIT_TENANT, auditEntry } from '../../support/audit-entries.js';


describe('audit events appended in one statement on PostgreSQL', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let store: Store;
  const all = () => store.auditEvents.find({ tenant: AUDIT_TENANT, from: 0, to: Number.MAX_SAFE_INTEGER, filter: {}, direction: 'FORWARD', limit: 10_000 });

  before(async () => {
    database = await freshTestDatabase();
    store = await openPostgresStore({ url: database.url, poolSize: 2 });
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('stores every event of a batch once, in order, whatever its length, each column as given', async () => {
    const texts = ['plain', 'quote " and \\ backslash', "it's {a,b} NULL", 'é ü 中文 😀', '[1,{"a":2}]'];
    for (const length of [0, 1, 9, 123, 500]) {
      const stored = (await all()).length;
      const batch = Array.from({ length }, (_, i) => auditEntry(texts[i % texts.length]!));
      await store.appendAuditEvents(batch);
      const added = (await all()).slice(stored);
      assert.deepEqual(
        added.map((r) => [r.eventId, r.eventTime, r.record]),
        batch.map((e) => [e.eventId, e.eventTime, e.record]),
        `a batch of ${length}`,
      );
    }
    for (const text of texts) {
      const found = await store.auditEvents.find({ tenant: AUDIT_TENANT, from: 0, to: Number.MAX_SAFE_INTEGER, filter: { eventName: `Get${text}`, accessKeyId: `LTAI${text}`, userName: `user ${text}` }, direction: 'FORWARD', limit: 10_000 });
      assert.ok(found.length > 0, text);
      assert.ok(found.every((r) => (JSON.parse(r.record) as { text: string }).text === text));
    }
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
