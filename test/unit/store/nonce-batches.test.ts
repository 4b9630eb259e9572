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

  it('expired nonces leave memory as their second passes, however few are held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-nonces-'));
    const store = await openSqliteStore(dir);
    try {
      const nonces = store.nonces as BufferedNonceRegistry;
      const soon = Date.now() + 50;
      for (let i = 0; i < 1000; i++) assert.equal(await nonces.claim('LTAIkey', `short-${i}`, soon), true);
      assert.equal(await nonces.claim('LTAIkey', 'long', Date.now() + 60_000), true);
      assert.equal(nonces.size, 1001);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal(await nonces.claim('LTAIkey', 'later', Date.now() + 60_000), true);
      assert.equal(nonces.size, 2, 'only the live nonces are held');
      assert.equal(await nonces.claim('LTAIkey', 'long', Date.now() + 60_000), false, 'a live nonce is still a replay');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
