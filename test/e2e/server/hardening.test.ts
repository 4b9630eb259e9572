/**
 * What an operator sees must not be a weapon, and what rdcontacts keeps is not for others: a signed request
 * cannot write a huge log line, a start-up error never shows a database password, and the data folder and
 * its files are the owner's alone.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killServes, runCli, spawnServe } from '../../support/child.js';
import { TEST_STORE } from '../../support/database.js';
import { startTestServer } from '../../support/server.js';
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

  it('the data folder is 0700 and the SQLite files 0600, also a folder left 0755 by an older version', async () => {
    const fresh = join(freshDir(), 'data');
    const old = join(freshDir(), 'data');
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    for (const dataDir of [fresh, old]) {
      const server = await startTestServer({}, dataDir);
      try {
        await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
        assert.equal((statSync(dataDir).mode & 0o777).toString(8), '700', dataDir);
        if (TEST_STORE === 'sqlite') {
          for (const file of ['rdcontacts.sqlite', 'rdcontacts.sqlite-wal', 'rdcontacts.sqlite-shm']) {
            const path = join(dataDir, file);
            assert.ok(existsSync(path), file);
            assert.equal((statSync(path).mode & 0o777).toString(8), '600', file);
          }
        }
      } finally {
        await server.stop();
      }
    }
  });

  it('a start-up error never shows a PostgreSQL password, in any form', async () => {
    for (const url of [
      'postgres://rdc@127.0.0.1:1/rdc?sslmode=disable&password=Secret1',
      'postgres://rdc:Secret2@127.0.0.1:1/rdc',
      'postgresql://rdc:Secret3@db.example/rdc with a space',
      'mysql://rdc:Secret4@db.example/rdc',
      'postgres://rdc@127.0.0.1:1/rdc?PASSWORD=Secret5',
    ]) {
      const exit = await runCli(['serve'], { RDC_DATABASE_URL: url, RDC_DATA_DIR: freshDir() });
      assert.equal(exit.code, 1, url);
      assert.match(exit.stderr, /RDC_DATABASE_URL/, url);
      assert.doesNotMatch(exit.stderr, /Secret\d/, `the password is not shown: ${exit.stderr}`);
    }
  });
});
