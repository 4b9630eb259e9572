import assert from 'node:assert/strict';
import type { AuditEventEntry } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';

/** The tenant of the entries made here. */
export const AUDIT_TENANT = '1000000000000042';
let next = 0;

/** An audit event as the store takes it, numbered in the order made; `text` goes in the filter columns and the record. */
export function auditEntry(text: string): AuditEventEntry {
  const i = next++;
  return {
    eventId: `EVENT-${String(i).padStart(6, '0')}`,
    tenant: AUDIT_TENANT,
    eventTime: 1_765_000_000_000 + i,
    eventName: `Get${text}`,
    serviceName: 'ResourceManager',
    eventRw: 'Read',
    accessKeyId: `LTAI${text}`,
    userName: `user ${text}`,
    sourceIp: `10.0.0.${i % 256}`,
    record: JSON.stringify({ eventId: i, text }),
  };
}

/** Every event the store holds for AUDIT_TENANT, in the trail's order. */
export function storedAuditEvents(store: Store) {
  return store.auditEvents.find({ tenant: AUDIT_TENANT, from: 0, to: Number.MAX_SAFE_INTEGER, filter: {}, direction: 'FORWARD', limit: 10_000 });
}

/**
 * Writes batches of 0, 1, 9, 123 (100 + 10 + 10 + 1 + 1 + 1) and 500 (the trail's largest) events with
 * `write`, and checks that each event was stored once, in the batch's order, its columns as given, and that
 * the filter columns match each text exactly.
 */
export async function checkBatchesStored(store: Store, write: (batch: AuditEventEntry[]) => Promise<void>): Promise<void> {
  const texts = ['plain', 'quote " and \\ backslash', "it's {a,b} NULL", 'é ü 中文 😀', '[1,{"a":2}]'];
  for (const length of [0, 1, 9, 123, 500]) {
    const stored = (await storedAuditEvents(store)).length;
    const batch = Array.from({ length }, (_, i) => auditEntry(texts[i % texts.length]!));
    await write(batch);
    const added = (await storedAuditEvents(store)).slice(stored);
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
}
