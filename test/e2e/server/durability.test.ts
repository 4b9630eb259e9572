/**
 * What was acknowledged stays: data written before a restart or a kill -9 is there after it, and a nonce
 * used before a restart is still refused after it.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClient } from '../../support/clients.js';
import { killServes, spawnServe } from '../../support/child.js';
import { httpRequest, v1FormPost } from '../../support/hand-signed.js';
import { startTestServer } from '../../support/server.js';

const ROOT = {
  RDC_ROOT_ACCOUNT_ID: '1234567890123456',
  RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tDurabilityKey00001',
  RDC_ROOT_ACCESS_KEY_SECRET: 'DurabilitySecret0123456789',
};
const creds = { accessKeyId: ROOT.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: ROOT.RDC_ROOT_ACCESS_KEY_SECRET };

describe('durability', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-durability-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    killServes();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a directory enabled just before kill -9 is there after the restart', async () => {
    const dataDir = freshDir();
    const first = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
    const enabled = await makeClient('openapi-core-v3', first.url, creds)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    // No pause: the answer came back, so the write must already be on disk.
    first.child.kill('SIGKILL');
    const exit = await first.exited;
    assert.equal(exit.signal, 'SIGKILL');

    const second = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
    try {
      const got = await makeClient('pop-core-post', second.url, creds)('GetResourceDirectory');
      const { ResourceDirectoryId, RootFolderId, CreateTime, MasterAccountId } = got.ResourceDirectory;
      assert.deepEqual({ ResourceDirectoryId, RootFolderId, CreateTime, MasterAccountId }, {
        ResourceDirectoryId: enabled.ResourceDirectory.ResourceDirectoryId,
        RootFolderId: enabled.ResourceDirectory.RootFolderId,
        CreateTime: enabled.ResourceDirectory.CreateTime,
        MasterAccountId: ROOT.RDC_ROOT_ACCOUNT_ID,
      });
      await assert.rejects(makeClient('openapi-client-v3', second.url, creds)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }), (err: any) => {
        assert.deepEqual([err.code, err.statusCode], ['EntityAlreadyExists.ResourceDirectory', 409]);
        return true;
      });
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
  });

  it('a nonce used some time before kill -9 is refused after the restart', async () => {
    const dataDir = freshDir();
    const first = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
    const request = v1FormPost(creds, 'GetResourceDirectory');
    assert.equal((await httpRequest(first.url, request, false)).status, 404, 'ResourceDirectoryNotInUse: signed and served');
    // Claimed nonces reach the disk in batches every few milliseconds (src/store/sqlite/nonces.ts); wait well past one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
    try {
      const replay = await httpRequest(second.url, request, false);
      assert.deepEqual([replay.status, replay.json.Code], [400, 'SignatureNonceUsed']);
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
  });

  it('a write acknowledged just before kill -9: its replay after the restart is refused (three times over)', async () => {
    const dataDir = freshDir();
    for (let round = 0; round < 3; round++) {
      const first = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
      const request = round === 0 ? v1FormPost(creds, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' }) : v1FormPost(creds, 'CreateFolder', { FolderName: `after-kill-${round}` });
      assert.equal((await httpRequest(first.url, request, false)).status, 200, 'signed and served');
      // No pause: the answer came back, so its nonce must already be on disk with the write.
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
      try {
        const replay = await httpRequest(second.url, request, false);
        assert.deepEqual([replay.status, replay.json.Code], [400, 'SignatureNonceUsed'], `round ${round}`);
      } finally {
        second.child.kill('SIGKILL');
        await second.exited;
      }
    }
  });

  it('writes in flight when kill -9 lands: every one acknowledged is there after the restart', async () => {
    // 50 writers at once share commits and their flushes (the group commit, pipelined: src/store/sqlite/group-commit.ts).
    const dataDir = freshDir();
    const first = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
    assert.equal((await httpRequest(first.url, v1FormPost(creds, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' }), false)).status, 200);
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const name = `in-flight-${next++}`;
        const answer = await httpRequest(first.url, v1FormPost(creds, 'CreateFolder', { FolderName: name })).catch(() => undefined);
        if (answer?.status === 200) acknowledged.push(answer.json.Folder.FolderId);
        if (acknowledged.length >= 300 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, writer));
    await first.exited;

    const second = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir });
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const got = await httpRequest(second.url, v1FormPost(creds, 'GetFolder', { FolderId: id }), false);
        if (got.status !== 200) missing.push(`${id}: ${got.status} ${got.json.Code}`);
      }
      assert.ok(acknowledged.length >= 300, `${acknowledged.length} writes acknowledged before the kill`);
      assert.deepEqual(missing, [], `every acknowledged folder is there after the restart (${acknowledged.length} of them)`);
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
  });

  it('after a graceful restart: the data is there, the root key is the same, and a used nonce is refused at once', async () => {
    const dataDir = freshDir();
    const first = await startTestServer({}, dataDir);
    const enabled = await first.client('openapi-client-v1')('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const request = v1FormPost(first.creds, 'GetResourceDirectory');
    assert.equal((await httpRequest(first.url, request, false)).status, 200);
    await first.stop();

    const second = await startTestServer({}, dataDir);
    try {
      assert.deepEqual(second.creds, first.creds, 'the generated root credentials are reused');
      assert.equal(second.generatedRoot, false);
      const got = await second.client('openapi-core-v1')('GetResourceDirectory');
      assert.equal(got.ResourceDirectory.ResourceDirectoryId, enabled.ResourceDirectory.ResourceDirectoryId);
      const replay = await httpRequest(second.url, request, false);
      assert.deepEqual([replay.status, replay.json.Code], [400, 'SignatureNonceUsed']);
    } finally {
      await second.stop();
    }
  });
});
