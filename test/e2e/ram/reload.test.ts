import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, futimesSync, mkdtempSync, openSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { start, type Running } from '../../../src/runtime.js';
import { errorOf, makeClient, type ClientName } from '../../support/clients.js';
import { credsOf, key, replaceIdentities, writeIdentities } from '../../support/identities.js';
import { answerRecordEnv } from '../../support/server.js';

const ACCOUNT = '1000000000000001';

/** A version of the file: alice (always), her policy toggling, and an extra user whose key changes. */
function version(n: number, extraKeyId?: string) {
  return {
    accounts: [
      {
        accountId: ACCOUNT,
        ramUsers: [
          { name: 'alice', accessKeys: [key('LTAIalice00001')], policies: [n % 2 ? 'AliyunResourceDirectoryFullAccess' : 'AliyunResourceDirectoryReadOnlyAccess'] },
          ...(extraKeyId ? [{ name: 'extra', accessKeys: [key(extraKeyId)], policies: ['AliyunResourceDirectoryReadOnlyAccess'] }] : []),
        ],
      },
    ],
  };
}

describe('the identities file is reloaded while the server serves', () => {
  let running: Running;
  let file: string;
  let dataDir: string;
  const logs: Array<Record<string, unknown>> = [];
  const as = (id: string, client: ClientName = 'openapi-core-v3') => makeClient(client, running.url, credsOf(id));
  const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);

  /** Polls `check` until it holds (or fails after `ms`). */
  async function eventually(what: string, check: () => Promise<boolean> | boolean, ms = 3000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) assert.fail(`not within ${ms} ms: ${what}`);
      await sleep(50);
    }
  }
  const works = (id: string) => as(id)('GetResourceDirectory').then(() => true, () => false);

  before(async () => {
    file = writeIdentities(version(0));
    dataDir = mkdtempSync(join(tmpdir(), 'rdc-reload-'));
    const config = loadConfig({ RDC_HOST: '127.0.0.1', RDC_PORT: '0', RDC_DATA_DIR: dataDir, RDC_ROOT_ACCOUNT_ID: ACCOUNT, RDC_IDENTITIES_FILE: file, RDC_ACCESS_LOG: 'false', ...answerRecordEnv });
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    running = await start(config, log);
    await makeClient('openapi-core-v3', running.url, { accessKeyId: running.root.accessKeyId, accessKeySecret: running.root.accessKeySecret })('EnableResourceDirectory', {
      EnableMode: 'CurrentAccount',
    });
  });
  after(async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('no request fails while the file is rewritten again and again', async () => {
    let stop = false;
    const outcomes = { ok: 0, failed: [] as string[] };
    const loop = async (client: ClientName) => {
      const call = as('LTAIalice00001', client);
      while (!stop) {
        try {
          await call('GetResourceDirectory');
          outcomes.ok++;
        } catch (err) {
          outcomes.failed.push(`${client}: ${errorOf(err).code} ${errorOf(err).message}`);
        }
      }
    };
    const loops = (['openapi-core-v3', 'openapi-client-v1', 'pop-core-post'] as ClientName[]).map(loop);
    const reloadsBefore = logs.filter((l) => l.msg === 'identities reloaded').length;
    for (let n = 1; n <= 24; n++) {
      const doc = version(n, n % 3 ? `LTAIextra${String(n).padStart(5, '0')}` : undefined);
      // Half of the writes in place (a reader may see a half-written file), half by renaming over it.
      if (n % 2) writeFileSync(file, JSON.stringify(doc, null, 2));
      else replaceIdentities(file, doc);
      await sleep(80);
    }
    replaceIdentities(file, version(25, 'LTAIextra99999'));
    await eventually('the last version is in use', () => works('LTAIextra99999'));
    stop = true;
    await Promise.all(loops);
    assert.deepEqual(outcomes.failed, []);
    assert.ok(outcomes.ok > 30, `only ${outcomes.ok} requests`);
    const reloads = logs.filter((l) => l.msg === 'identities reloaded').length - reloadsBefore;
    assert.ok(reloads >= 5, `only ${reloads} reloads`);
    // Keys of earlier versions are gone.
    const gone = errorOf(await failure(as('LTAIextra00001')('GetResourceDirectory')));
    assert.equal(gone.code, 'InvalidAccessKeyId.NotFound');
  });

  it('a broken file keeps the last good one and logs why', async () => {
    replaceIdentities(file, version(0, 'LTAIgood000001'));
    await eventually('the good version is in use', () => works('LTAIgood000001'));

    const errorsBefore = logs.filter((l) => l.level === 50).length;
    writeFileSync(file, '{\n  "accounts": [\n    {"accountId": "1000000000000001",\n');
    await eventually('the syntax error is logged', () => logs.filter((l) => l.level === 50).length > errorsBefore);
    const syntax = logs.filter((l) => l.level === 50).at(-1)!;
    assert.equal(syntax.msg, 'identities file not reloaded, keeping the last good one');
    assert.equal(syntax.file, file);
    assert.match(String(syntax.reason), /not valid JSON at line 4/);
    assert.ok(await works('LTAIgood000001'));
    assert.ok(await works('LTAIalice00001'));

    const bad = version(0, 'LTAIgood000001');
    (bad.accounts[0]!.ramUsers[0]!.policies as unknown[]).push({ Version: '1', Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] });
    replaceIdentities(file, bad);
    await eventually('the policy error is logged', () => logs.filter((l) => l.level === 50).length > errorsBefore + 1);
    assert.match(String(logs.filter((l) => l.level === 50).at(-1)!.reason), /accounts\[0\]\.ramUsers\[0\]\.policies\[1\]\.Statement\[0\]\.Effect: must be "Allow" or "Deny"/);
    assert.ok(await works('LTAIgood000001'));

    rmSync(file);
    await eventually('the missing file is logged', () => logs.filter((l) => l.level === 50).length > errorsBefore + 2);
    assert.match(String(logs.filter((l) => l.level === 50).at(-1)!.reason), /cannot read it: ENOENT/);
    assert.ok(await works('LTAIgood000001'));
  });

  it('SIGHUP reloads a change the watcher did not notice', async () => {
    replaceIdentities(file, version(0, 'LTAIhup0000001'));
    // A whole-second modification time, so that it can be put back exactly.
    const seconds = Math.floor(Date.now() / 1000) - 60;
    utimesSync(file, seconds, seconds);
    await eventually('the first version is in use', () => works('LTAIhup0000001'));
    await sleep(600);
    // Same size, inode and modification time: the watcher cannot tell, only SIGHUP can.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, JSON.stringify(version(0, 'LTAIhup0000002'), null, 2), 0);
    futimesSync(fd, seconds, seconds);
    closeSync(fd);
    assert.equal(statSync(file).size, size);
    await sleep(700);
    assert.equal(await works('LTAIhup0000002'), false);
    process.kill(process.pid, 'SIGHUP');
    await eventually('the SIGHUP reload is in use', () => works('LTAIhup0000002'));
    assert.equal(await works('LTAIhup0000001'), false);
    assert.equal(logs.at(-1)?.why, 'SIGHUP');
  });
});

describe('a broken identities file at start-up', () => {
  it('stops the start with one clear ConfigError', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdc-broken-'));
    const file = writeIdentities({ accounts: [{ accountId: ACCOUNT, ramUsers: [{ name: 'alice', policies: ['AliyunEverything'] }] }] });
    try {
      const config = loadConfig({ RDC_HOST: '127.0.0.1', RDC_PORT: '0', RDC_DATA_DIR: dataDir, RDC_IDENTITIES_FILE: file, RDC_LOG_LEVEL: 'silent', ...answerRecordEnv });
      await assert.rejects(start(config), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(
          err.message,
          `identities file ${file} (RDC_IDENTITIES_FILE): accounts[0].ramUsers[0].policies[0]: unknown system policy "AliyunEverything" (known: AliyunResourceDirectoryFullAccess, AliyunResourceDirectoryReadOnlyAccess, AliyunSTSAssumeRoleAccess, AliyunRdcontactsFullAccess, AliyunRdcontactsReadOnlyAccess)`,
        );
        return true;
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
