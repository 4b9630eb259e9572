/**
 * The audit trail buffers each call's event and writes the buffer every flushMs (src/domain/audit-trail.ts).
 * Events recorded while a batch is being written wait for their own timer: written back to back instead, the
 * trail made a batch per commit under load (~20 events each, on PostgreSQL one statement each), not one per
 * flushMs. A flush (LookupEvents, close) still writes everything recorded before it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { AuditTrail, type AuditEvent } from '../../../src/domain/audit-trail.js';
import type { AuditEventEntry } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';

/** Long enough that the checks between a write and the next timer have time to spare on a busy machine. */
const FLUSH_MS = 400;
let next = 0;

function event(): AuditEvent {
  const id = `EVENT-${next++}`;
  return { eventId: id, tenant: '1000000000000042', eventName: 'GetMessageContact', serviceName: 'ResourceDirectoryMaster', eventRW: 'Read', sourceIpAddress: '127.0.0.1', userIdentity: { accessKeyId: 'LTAIexample', userName: 'root' } } as unknown as AuditEvent;
}

/** A store whose appends are counted, each held until `release` when `hold` is set. */
function countingStore() {
  const batches: string[][] = [];
  let hold: Promise<void> | undefined;
  let release = () => {};
  const store = {
    async appendAuditEvents(entries: readonly AuditEventEntry[]) {
      batches.push(entries.map((e) => e.eventId));
      if (hold) await hold;
    },
  } as unknown as Store;
  return {
    store,
    batches,
    holdNext() {
      hold = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      hold = undefined;
      release();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('audit trail batches', () => {
  it('writes the events recorded during a write with the next timer, not at once after it', async () => {
    const counting = countingStore();
    const trail = new AuditTrail(counting.store, pino({ level: 'silent' }), { flushMs: FLUSH_MS });
    const first = [event(), event(), event()];
    for (const e of first) trail.record(e, Date.now());
    counting.holdNext();
    const flushed = trail.flush();
    await sleep(5);
    const during = [event(), event()];
    for (const e of during) trail.record(e, Date.now());
    counting.release();
    await flushed;
    await sleep(20);
    assert.deepEqual(counting.batches, [first.map((e) => e.eventId)], 'the second batch waits for its timer');
    for (let waited = 0; counting.batches.length < 2 && waited < 10 * FLUSH_MS; waited += 20) await sleep(20);
    assert.deepEqual(counting.batches, [first.map((e) => e.eventId), during.map((e) => e.eventId)]);
    await trail.close();
  });

  it('a flush writes every event recorded before it, in order', async () => {
    const counting = countingStore();
    const trail = new AuditTrail(counting.store, pino({ level: 'silent' }), { flushMs: 60_000 });
    const events = Array.from({ length: 1_203 }, () => event());
    for (const e of events) trail.record(e, Date.now());
    await trail.flush();
    assert.deepEqual(counting.batches.flat(), events.map((e) => e.eventId));
    assert.ok(counting.batches.every((b) => b.length <= 500), 'batches of at most 500');
    await trail.close();
  });
});
