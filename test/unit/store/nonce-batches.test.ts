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
});
