/**
 * The SQLite store's nonce registry writes the nonces it claimed as batches, and a restart refuses them
 * again. A batch can be large (writes held up while the disk was busy or full): it must still be written.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/open.js';
import type { BufferedNonceRegistry } from '../../../src/store/sqlite/nonces.js';

describe('nonce batches', () => {
  it('a batch of 200,000 nonces is written, and after a reopen each of them is a replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-nonces-'));
    try {
      const first = await openSqliteStore(dir);
      const expiresAt = Date.now() + 60_000;
      for (let i = 0; i < 200_000; i++) assert.equal(await first.nonces.claim('LTAIkey', `n${i}`, expiresAt), true, `first claim of n${i}`);
      await first.close();

      const second = await openSqliteStore(dir);
      try {
        for (const i of [0, 123_456, 199_999]) assert.equal(await second.nonces.claim('LTAIkey', `n${i}`, expiresAt), false, `n${i} is a replay after the reopen`);
        assert.equal(await second.nonces.claim('LTAIkey', 'fresh', expiresAt), true, 'a new nonce is accepted');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a nonce whose window has ended is accepted again; a live one stays a replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-nonces-'));
    const store = await openSqliteStore(dir);
    try {
      const nonces = store.nonces as BufferedNonceRegistry;
      assert.equal(await nonces.claim('LTAIkey', 'short', Date.now() + 50), true);
      assert.equal(await nonces.claim('LTAIkey', 'long', Date.now() + 60_000), true);
      assert.equal(await nonces.claim('LTAIkey', 'short', Date.now() + 60_000), false, 'a replay within its window');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      assert.equal(await nonces.claim('LTAIkey', 'short', Date.now() + 60_000), true, 'its window ended: a new claim');
      assert.equal(await nonces.claim('LTAIkey', 'long', Date.now() + 60_000), false, 'a live nonce is still a replay');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
