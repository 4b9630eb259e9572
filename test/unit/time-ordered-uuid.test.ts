/**
 * The audit trail's event IDs (src/ids.ts timeOrderedUuid): version 7 UUIDs, upper case, ordered by time and,
 * within one millisecond, by the order they were made: events are listed by (time, ID), and calls made one
 * after another in the same millisecond must be listed in their order (LookupEvents' paging test).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { timeOrderedUuid } from '../../src/ids.js';

const UUID_V7 = /^[0-9A-F]{8}-[0-9A-F]{4}-7[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe('time-ordered UUIDs', () => {
  it('are version 7 UUIDs, upper case, with the time in their first 48 bits', () => {
    const at = Date.UTC(2026, 11, 7, 3, 40, 0, 123);
    const id = timeOrderedUuid(at);
    assert.match(id, UUID_V7);
    assert.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), at);
  });

  it('write the time and counter as the hex of their numbers, for any time of 48 bits', () => {
    for (const at of [0, 1, 255, 256, 0xffffff, 0x1000000, 2 ** 48 - 1, Date.UTC(2026, 11, 7), ...Array.from({ length: 1000 }, () => Math.floor(Math.random() * 2 ** 48))]) {
      const first = timeOrderedUuid(at);
      const ids = [first, timeOrderedUuid(at), timeOrderedUuid(at)];
      for (const id of ids) {
        assert.match(id, UUID_V7);
        assert.equal(id.slice(0, 8) + id.slice(9, 13), at.toString(16).padStart(12, '0').toUpperCase());
      }
      const counter = parseInt(first.slice(15, 18), 16);
      assert.ok(counter < 0x800, 'a millisecond starts its counter below 2048');
      assert.deepEqual(ids.map((id) => parseInt(id.slice(15, 18), 16)), [counter, counter + 1, counter + 2]);
    }
  });

  it('made within one millisecond, sort in the order they were made; a later millisecond sorts after', () => {
    for (let round = 0; round < 50; round++) {
      const at = 1_796_614_000_000 + round;
      const ids = Array.from({ length: 20 }, () => timeOrderedUuid(at));
      assert.deepEqual([...ids].sort(), ids, 'in the order made');
      assert.equal(new Set(ids).size, ids.length);
      assert.ok(timeOrderedUuid(at + 1) > ids.at(-1)!, 'the next millisecond after');
    }
  });

  it('more than the counter holds in one millisecond are still valid and distinct', () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedUuid(1_796_615_000_000));
    for (const id of ids) assert.match(id, UUID_V7);
    assert.equal(new Set(ids).size, ids.length);
  });
});
