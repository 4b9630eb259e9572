/**
 * Signature nonces on PostgreSQL: claims made together go to the database in one statement, and each is
 * still decided on its own — a nonce wins once, across every node sharing the database, and a nonce whose
 * window has passed may be used again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import type { Store } from '../../../src/store/store.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';

describe('signature nonces on PostgreSQL', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let nodeA: Store;
  let nodeB: Store;
  const later = () => Date.now() + 60_000;

  before(async () => {
    database = await freshTestDatabase();
    nodeA = await openPostgresStore({ url: database.url, poolSize: 2 });
    nodeB = await openPostgresStore({ url: database.url, poolSize: 2 });
  });
  after(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await database?.drop();
  });

  it('2,500 different nonces claimed at once (three statements) all win; claimed again, none does', async () => {
    const nonces = Array.from({ length: 2500 }, (_, i) => `many-${i}`);
    const first = await Promise.all(nonces.map((n) => nodeA.nonces.claim('LTAIbatch', n, later())));
    assert.equal(first.filter(Boolean).length, 2500, 'every first claim wins');
    const again = await Promise.all(nonces.map((n) => nodeA.nonces.claim('LTAIbatch', n, later())));
    assert.equal(again.filter(Boolean).length, 0, 'every second claim is a replay');
    assert.equal(await nodeA.nonces.claim('LTAIother', 'many-0', later()), true, 'a nonce belongs to its AccessKey');
  });

  it('one nonce claimed ten times at once, on two nodes, wins exactly once', async () => {
    const claims = Array.from({ length: 10 }, (_, i) => (i % 2 ? nodeA : nodeB).nonces.claim('LTAIrace', 'same', later()));
    const results = await Promise.all(claims);
    assert.equal(results.filter(Boolean).length, 1, `one winner, got ${JSON.stringify(results)}`);
  });

  it('a nonce whose window has passed may be claimed again, once', async () => {
    assert.equal(await nodeA.nonces.claim('LTAIexpiry', 'old', Date.now() + 50), true, 'first use');
    await new Promise((r) => setTimeout(r, 100));
    const results = await Promise.all([nodeA.nonces.claim('LTAIexpiry', 'old', later()), nodeB.nonces.claim('LTAIexpiry', 'old', later())]);
    assert.deepEqual(results.sort(), [false, true], 'reused after its window, by one node');
  });

  it('a claim the database refuses (too long, a NUL byte) fails alone: the claims batched with it are decided', async () => {
    const good = Array.from({ length: 5 }, (_, i) => nodeA.nonces.claim('LTAIbad', `good-${i}`, later()));
    const tooLong = nodeA.nonces.claim('LTAIbad', 'n'.repeat(300), later());
    const nul = nodeA.nonces.claim('LTAIbad', 'a\u0000b', later());
    const [goods, long, withNul] = await Promise.all([Promise.all(good), tooLong.then(() => 'won', () => 'failed'), nul.then(() => 'won', () => 'failed')]);
    assert.deepEqual(goods, [true, true, true, true, true], 'every good claim of the batch wins');
    assert.deepEqual([long, withNul], ['failed', 'failed'], 'the bad claims fail');
    assert.equal(await nodeB.nonces.claim('LTAIbad', 'good-0', later()), false, 'the good claims were written');
  });

  it("counts as held the unexpired nonces its node won, without reading the table (a scrape's cost must not grow with the traffic)", async () => {
    // Fresh nodes, so the other tests' claims are not counted.
    const a = await openPostgresStore({ url: database.url, poolSize: 2 });
    const b = await openPostgresStore({ url: database.url, poolSize: 2 });
    try {
      await Promise.all(['h1', 'h2', 'h3'].map((n) => a.nonces.claim('LTAIheld', n, later())));
      await Promise.all(['h4', 'h5'].map((n) => b.nonces.claim('LTAIheld', n, later())));
      assert.equal(await b.nonces.claim('LTAIheld', 'h1', later()), false, 'a replay is not held twice');
      assert.equal(await a.nonces.claim('LTAIheld', 'short', Date.now() + 1500), true);
      assert.deepEqual([await a.nonces.held(), await b.nonces.held()], [4, 2], "each node's own wins");
      // Counted until the second its window ends has passed (a nonce's second is rounded up): 1.5 s + up to 1 s.
      await new Promise((r) => setTimeout(r, 2700));
      assert.equal(await a.nonces.held(), 3, 'one whose window has passed is no longer held');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
