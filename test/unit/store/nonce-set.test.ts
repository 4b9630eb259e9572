/**
 * The nonces a SQLite node remembers (src/store/sqlite/nonce-set.ts): a replay within its window is refused,
 * a nonce is accepted again once its window has ended, and a minute's nonces are forgotten at once when that
 * minute has passed. Times are given, not read from the clock.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NonceSet } from '../../../src/store/sqlite/nonce-set.js';

const T = Date.UTC(2026, 11, 7, 6, 0, 0); // the start of a minute

describe('the nonce set', () => {
  it('refuses a replay until its window ends, then accepts the nonce again', () => {
    const set = new NonceSet();
    assert.equal(set.add('LTAIkey\nn1', T + 30_000, T), true, 'first claim');
    assert.equal(set.add('LTAIkey\nn1', T + 90_000, T + 10_000), false, 'a replay within the window');
    assert.equal(set.add('LTAIkey\nn2', T + 30_000, T + 10_000), true, 'another nonce');
    assert.equal(set.add('LTAIother\nn1', T + 30_000, T + 10_000), true, "the same nonce of another key");
    assert.equal(set.add('LTAIkey\nn1', T + 90_000, T + 29_000), false, 'still a replay in the last second of the window');
    assert.equal(set.add('LTAIkey\nn1', T + 90_000, T + 31_000), true, 'its window ended: accepted again, until its new end');
    assert.equal(set.add('LTAIkey\nn1', T + 120_000, T + 60_000), false, 'a replay within the new window');
  });

  it('forgets the nonces of a minute at once when that minute has passed, and not before', () => {
    const set = new NonceSet();
    for (let i = 0; i < 1000; i++) set.add(`LTAIkey\nshort-${i}`, T + 5_000, T);
    set.add('LTAIkey\nlong', T + 600_000, T);
    assert.equal(set.size, 1001);
    set.add('LTAIkey\nlater', T + 600_000, T + 59_000);
    assert.equal(set.size, 1002, 'the windows ended at 5 s, but their minute has not passed: still held');
    set.add('LTAIkey\nnext', T + 600_000, T + 60_000);
    assert.equal(set.size, 3, 'the minute passed: its nonces are forgotten, the live ones stay');
    assert.equal(set.add('LTAIkey\nlong', T + 600_000, T + 61_000), false, 'a live nonce is still a replay');
    assert.equal(set.add('LTAIkey\nshort-7', T + 600_000, T + 61_000), true, 'a forgotten one is a new claim');
  });

  it('holds 300,000 nonces across many minutes without losing one', () => {
    const set = new NonceSet();
    const n = 300_000;
    for (let i = 0; i < n; i++) assert.equal(set.add(`LTAI5tKey\n${i}-f3b1c2d4`, T + 60_000 * (1 + (i % 15)), T), true);
    assert.equal(set.size, n);
    for (let i = 0; i < n; i += 7) assert.equal(set.add(`LTAI5tKey\n${i}-f3b1c2d4`, T + 900_000, T + 1_000), false, `nonce ${i} is a replay`);
    for (let i = 0; i < 1000; i++) assert.equal(set.add(`LTAI5tKey\nfresh-${i}`, T + 900_000, T + 1_000), true);
  });
});
