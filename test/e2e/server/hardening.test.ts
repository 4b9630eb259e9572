/**
 * What an operator sees must not be a weapon: a signed request cannot write a huge log line.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killServes, spawnServe } from '../../support/child.js';
import { httpRequest, v1FormPost } from '../../support/hand-signed.js';
import { eventually } from '../../support/eventually.js';

const ROOT = {
  RDC_ROOT_ACCOUNT_ID: '1234567890123456',
  RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tHardeningKey000001',
  RDC_ROOT_ACCESS_KEY_SECRET: 'HardeningSecret0123456789',
};
const creds = { accessKeyId: ROOT.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: ROOT.RDC_ROOT_ACCESS_KEY_SECRET };

describe('hardening', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-hardening-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    killServes();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a signed request with a huge Action or Version writes log lines of bounded size', async () => {
    const proc = await spawnServe({ ...ROOT, RDC_DATA_DIR: freshDir() });
    try {
      const answer = await httpRequest(proc.url, v1FormPost(creds, 'A'.repeat(6000), {}, {}));
      assert.deepEqual([answer.status, answer.json?.Code], [404, 'InvalidAction.NotFound']);
      const request = v1FormPost(creds, 'GetResourceDirectory', { Version: 'V'.repeat(6000) });
      const versioned = await httpRequest(proc.url, request);
      assert.equal(versioned.status, 404, 'ResourceDirectoryNotInUse: served under the known version');
      await eventually('both access lines', () => proc.logLines().filter((l) => l.Status !== undefined).length >= 2);
      const longest = Math.max(...proc.stdout().split('\n').map((line) => line.length));
      assert.ok(longest < 1000, `the longest log line has ${longest} characters`);
    } finally {
      proc.child.kill('SIGKILL');
      await proc.exited;
    }
  });
});
