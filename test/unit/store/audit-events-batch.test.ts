/**
 * On SQLite the audit trail's batches are inserted as one JSON array parameter (json_each): every column must
 * come back as a bound parameter would have stored it, whatever the text holds, in the batch's order, and a
 * batch of the audit trail's largest size goes in as one statement like a small one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/open.js';
import type { AuditEventEntry } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';
import { SQLITE_LIBRARIES } from '../../support/sqlite-libraries.js';

const TENANT = '1000000000000042';

function entry(i: number, text: string): AuditEventEntry {
  return {
    eventId: `EVENT-${String(i).padStart(6, '0')}`,
    tenant: TENANT,
    eventTime: 1_765_000_000_000 + i,
    eventName: `Get${text}`,
    serviceName: 'ResourceManager',
    eventRw: 'Read',
    accessKeyId: `LTAI${text}`,
    userName: `user ${text}`,
    sourceIp: `10.0.0.${i % 256}`,
    record: JSON.stringify({ eventId: i, text, nested: { quote: '"', backslash: '\\' } }),
  };
}

const all = (store: Store) => store.auditEvents.find({ tenant: TENANT, from: 0, to: Number.MAX_SAFE_INTEGER, filter: {}, direction: 'FORWARD', limit: 10_000 });

for (const { library, skip } of SQLITE_LIBRARIES) describe(`audit events inserted as one JSON batch (${library})`, () => {
  let dir: string;
  let store: Store;
  before(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'rdc-audit-batch-'));
    store = await openSqliteStore(dir, undefined, library);
  });
  after(async () => {
    if (skip) return;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each column as a bound parameter would, lone surrogates as U+FFFD', { skip }, async () => {
    // Each text, and what a bound parameter stores of it.
    const cases: Array<[string, string]> = [
      ['plain', 'plain'],
      ['quote " and \\ backslash', 'quote " and \\ backslash'],
      ['é ü 中文 😀 \u2028', 'é ü 中文 😀 \u2028'],
      ['lone \ud800 high', 'lone \ufffd high'],
      ['lone \udc00 low', 'lone \ufffd low'],
      ['[1,{"a":2}]', '[1,{"a":2}]'],
    ];
    const texts = cases.map(([text]) => text);
    const batch = texts.map((text, i) => entry(i, text));
    await store.transaction((tx) => tx.auditEvents.insert(batch));
    const stored = await all(store);
    assert.deepEqual(
      stored.map((r) => r.eventId),
      batch.map((e) => e.eventId),
    );
    assert.deepEqual(
      stored.map((r) => r.eventTime),
      batch.map((e) => e.eventTime),
    );
    assert.deepEqual(
      stored.map((r) => r.record),
      batch.map((e) => e.record),
      'the record is the same JSON text',
    );
    // The filter columns are matched exactly, so read them back through their filters.
    for (const [i, [, expected]] of cases.entries()) {
      for (const filter of [{ eventName: `Get${expected}` }, { accessKeyId: `LTAI${expected}` }, { userName: `user ${expected}` }]) {
        const found = await store.auditEvents.find({ tenant: TENANT, from: 0, to: Number.MAX_SAFE_INTEGER, filter, direction: 'FORWARD', limit: 10 });
        assert.deepEqual(
          found.map((r) => r.eventId),
          [batch[i]!.eventId],
          `${JSON.stringify(filter)} finds event ${i}`,
        );
      }
    }
  });

  it('takes a batch of 500 events, the audit trail’s largest', { skip }, async () => {
    const before = (await all(store)).length;
    const batch = Array.from({ length: 500 }, (_, i) => entry(1000 + i, `bulk ${i}`));
    await store.transaction((tx) => tx.auditEvents.insert(batch));
    const stored = (await all(store)).slice(before);
    assert.deepEqual(
      stored.map((r) => r.eventId),
      batch.map((e) => e.eventId),
    );
  });
});
