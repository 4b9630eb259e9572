/**
 * Running rdcontacts in production: --help, start-up failures as one clear line, health and readiness,
 * graceful SIGTERM, the access log, the answers made before routing, and the generated root credentials.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { flagOf, loadConfig, settings } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { start, type Running } from '../../../src/runtime.js';
import { makeClient } from '../../support/clients.js';
import { killServes, runCli, spawnServe, type Exit } from '../../support/child.js';
import { formEncode, httpRequest, signedV1Params, v1FormPost, type HttpAnswer } from '../../support/hand-signed.js';
import { answerRecordEnv, startTestServer, type TestServer } from '../../support/server.js';
import { TEST_STORE } from '../../support/database.js';
import { sqliteLibrary } from '../../../src/store/sqlite/library.js';

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdc-ops-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  killServes();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A JSON answer of rdcontacts: an object whose RequestId is also its x-acs-request-id header. */
function assertJsonAnswer(answer: HttpAnswer, status: number): any {
  assert.equal(answer.status, status, answer.text);
  assert.match(String(answer.headers['content-type']), /^application\/json/);
  assert.equal(typeof answer.json, 'object', answer.text);
  assert.match(answer.json.RequestId, REQUEST_ID);
  assert.equal(answer.headers['x-acs-request-id'], answer.json.RequestId);
  if (status < 300) assert.equal('Code' in answer.json, false, 'a success body has no Code');
  return answer.json;
}

function assertOneLineFailure(exit: Exit, pattern: RegExp): void {
  assert.notEqual(exit.code, 0, `exit code: ${exit.code}`);
  assert.notEqual(exit.code, null, `exit code: ${exit.code} (signal ${exit.signal})`);
  const lines = exit.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${exit.stderr}`);
  assert.match(lines[0]!, /^rdcontacts: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(exit.stderr + exit.stdout, /\n\s+at /, 'no stack trace');
}

describe('rdcontacts --help and --version', () => {
  it('serve --help lists every setting with its variable, flag and default', async () => {
    const exit = await runCli(['serve', '--help']);
    assert.equal(exit.code, 0, exit.stderr);
    for (const s of settings) {
      const line = exit.stdout.split('\n').find((l) => l.trim().startsWith(flagOf(s) + ' '));
      assert.ok(line, `${flagOf(s)} is listed by rdcontacts serve --help`);
      assert.ok(line.includes(s.env), `${s.env} is on the line of ${flagOf(s)}`);
      if (s.default !== undefined) assert.ok(line.includes(`[default: ${s.default}]`), `the default of ${s.env} is on its line`);
    }
  });

  it('--help names the commands; policy --help lists the options of policy explain', async () => {
    const top = await runCli(['--help']);
    assert.equal(top.code, 0, top.stderr);
    for (const usage of ['rdcontacts serve', 'rdcontacts policy explain', 'rdcontacts --version', 'rdcontacts serve --help']) assert.ok(top.stdout.includes(usage), `--help names ${usage}`);
    for (const args of [['policy', '--help'], ['policy', 'explain', '--help']]) {
      const exit = await runCli(args);
      assert.equal(exit.code, 0, exit.stderr);
      for (const option of ['--key', '--action', '--resource', '--source-ip', '--secure']) assert.match(exit.stdout, new RegExp(`^  ${option} `, 'm'), `rdcontacts ${args.join(' ')} lists ${option}`);
    }
  });

  it("--version prints package.json's version", async () => {
    const exit = await runCli(['--version']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(exit.stdout, JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version + '\n');
  });

  it("the README's settings table lists the same settings and defaults", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const s of settings) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${s.env}\``));
      assert.ok(row, `README has a row for ${s.env}`);
      const cells = row.split('|').map((c) => c.trim());
      assert.equal(cells[2], `\`${flagOf(s)}\``, `flag of ${s.env}`);
      assert.equal(cells[3], s.default === undefined ? cells[3] : `\`${s.default}\``, `default of ${s.env}`);
    }
  });
});

describe('bad configuration stops start-up with one clear line', { concurrency: 2 }, () => {
  it('the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const exit = await runCli(['serve'], { RDC_PORT: String(port), RDC_DATA_DIR: freshDir() });
      assertOneLineFailure(exit, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('a first start that fails keeps no generated credentials: the start that serves prints them', async () => {
    const dataDir = freshDir();
    const identities = join(dataDir, 'identities.json');
    writeFileSync(identities, '{"accounts": [');
    const failed = await runCli(['serve'], { RDC_DATA_DIR: dataDir, RDC_IDENTITIES_FILE: identities });
    assertOneLineFailure(failed, /identities file .*identities\.json \(RDC_IDENTITIES_FILE\): not valid JSON/);
    assert.equal(existsSync(join(dataDir, 'root-credentials.json')), false, 'nothing kept by the failed start');

    writeFileSync(identities, '{"accounts": []}');
    const served = await spawnServe({ RDC_DATA_DIR: dataDir, RDC_IDENTITIES_FILE: identities });
    try {
      await waitFor('the credentials banner', () => /AccessKey secret:\s+\S+/.test(served.stdout()));
      const secret = /AccessKey secret:\s+(\S+)/.exec(served.stdout())![1]!;
      assert.equal(JSON.parse(readFileSync(join(dataDir, 'root-credentials.json'), 'utf8')).accessKeySecret, secret, 'the printed secret is the kept one');
    } finally {
      served.child.kill('SIGTERM');
      assert.equal((await served.exited).code, 0, 'a clean exit');
    }
  });

  it('the data folder cannot be created (a path under a regular file)', async () => {
    const file = join(freshDir(), 'a-file');
    writeFileSync(file, 'x');
    const exit = await runCli(['serve'], { RDC_DATA_DIR: join(file, 'data') });
    assertOneLineFailure(exit, /cannot use the data folder .*a-file\/data \(RDC_DATA_DIR\): cannot create .*a-file\/data: .*a-file is not a folder \(ENOTDIR\)/);
  });

  it('the data folder cannot be created in a folder that refuses new entries (/proc): one line, no endless retry', async () => {
    const exit = await runCli(['serve'], { RDC_DATA_DIR: '/proc/rdc-data/x' });
    assertOneLineFailure(exit, /cannot use the data folder \/proc\/rdc-data\/x \(RDC_DATA_DIR\): cannot create \/proc\/rdc-data: \/proc does not accept new folders/);
  });

  // A read-only file system, made by a bind mount in a user namespace of its own (`unshare -rm`, Linux).
  const readOnlyMounts = spawnSync('unshare', ['-rm', 'true']).status === 0;
  it('the data folder is on a read-only file system: named as such, not as a missing folder', { skip: !readOnlyMounts && 'unshare -rm is not permitted here: no read-only mount to test with' }, async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'kept'));
    const serve = (dataDir: string) =>
      `mount --bind ${dir} ${dir} && mount -o remount,bind,ro ${dir} && RDC_DATA_DIR=${dataDir} ${process.execPath} --import tsx src/main.ts serve`;
    for (const [dataDir, pattern] of [
      [join(dir, 'new', 'data'), new RegExp(`cannot create ${dir}/new: ${dir} is on a read-only file system \\(EROFS\\)`)],
      [join(dir, 'kept'), new RegExp(`\\(RDC_DATA_DIR\\): ${dir}/kept is on a read-only file system \\(EROFS\\)`)],
    ] as const) {
      const exit = spawnSync('unshare', ['-rm', 'sh', '-c', serve(dataDir)], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
      assertOneLineFailure({ code: exit.status, signal: exit.signal, stdout: exit.stdout, stderr: exit.stderr }, pattern);
    }
  });

  it('a malformed RDC_DATABASE_URL', async () => {
    const exit = await runCli(['serve'], { RDC_DATABASE_URL: 'mysql://db.example/x', RDC_DATA_DIR: freshDir() });
    assertOneLineFailure(exit, /RDC_DATABASE_URL \(--database-url\) must be a postgres:\/\/ or postgresql:\/\/ URL, got "mysql:\/\/db.example\/x"/);
  });

  it('a PostgreSQL database that does not answer: one line naming it without its password, and nothing is written', async () => {
    const dataDir = join(freshDir(), 'never-created');
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const exit = await runCli(['serve'], { RDC_DATABASE_URL: `postgres://rdc:secret@127.0.0.1:${port}/rdc`, RDC_DATA_DIR: dataDir });
    assertOneLineFailure(exit, new RegExp(`cannot open the PostgreSQL store at postgres://rdc:\\*\\*\\*@127\\.0\\.0\\.1:${port}/rdc \\(RDC_DATABASE_URL\\): .*ECONNREFUSED`));
    assert.doesNotMatch(exit.stderr, /secret/, 'the password is not shown');
    assert.equal(existsSync(dataDir), false, 'the data folder was not created');
  });

  it('a bad RDC_PORT', async () => {
    assertOneLineFailure(await runCli(['serve'], { RDC_PORT: 'eighty' }), /RDC_PORT \(--port\) must be a whole number, got "eighty"/);
  });

  it('a bad flag: unknown option, or a flag without its value', async () => {
    assertOneLineFailure(await runCli(['serve', '--no-such-option', 'x']), /unknown option --no-such-option/);
    assertOneLineFailure(await runCli(['serve', '--port']), /option --port needs a value/);
  });

  it('each bad value is named with its variable and flag; a secret is never echoed', () => {
    for (const [env, message] of [
      [{ RDC_PORT: '70000' }, 'RDC_PORT (--port) must be at most 65535, got 70000'],
      [{ RDC_PORT: '-1' }, 'RDC_PORT (--port) must be a whole number, got "-1"'],
      [{ RDC_DATABASE_URL: 'not a url' }, 'RDC_DATABASE_URL (--database-url) must be a postgres:// or postgresql:// URL, got "not a url"'],
      [{ RDC_ACCESS_LOG: 'maybe' }, 'RDC_ACCESS_LOG (--access-log) must be true or false, got "maybe"'],
      [{ RDC_BODY_LIMIT: '10' }, 'RDC_BODY_LIMIT (--body-limit) must be at least 1024, got 10'],
      [{ RDC_LOG_LEVEL: 'loud' }, 'RDC_LOG_LEVEL (--log-level) must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
      [{ RDC_ROOT_ACCOUNT_ID: '0123' }, 'RDC_ROOT_ACCOUNT_ID (--root-account-id) must be 16 digits, not starting with 0, got "0123"'],
      [{ RDC_ROOT_ACCESS_KEY_SECRET: 'has a space' }, 'RDC_ROOT_ACCESS_KEY_SECRET (--root-access-key-secret) must be 8-128 characters without spaces, got (hidden)'],
    ] as const) {
      assert.throws(() => loadConfig(env), (err: Error) => err.name === 'ConfigError' && err.message === message, JSON.stringify(env));
    }
    assert.equal(loadConfig({ RDC_PORT: '9000' }, ['--port', '9001']).port, 9001, 'a flag wins over the variable');
  });
});

describe('answers of a running server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ RDC_BODY_LIMIT: '2048' });
  });
  after(() => server.stop());

  it('GET /healthz and /readyz: 200 JSON', async () => {
    assert.equal(assertJsonAnswer(await httpRequest(server.url, { method: 'GET', path: '/healthz' }), 200).Status, 'ok');
    assert.equal(assertJsonAnswer(await httpRequest(server.url, { method: 'GET', path: '/readyz' }), 200).Status, 'ready');
  });

  it('a success carries no Code, and its RequestId is the header', async () => {
    const body = assertJsonAnswer(await httpRequest(server.url, v1FormPost(server.creds, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' })), 200);
    assert.match(body.ResourceDirectory.ResourceDirectoryId, /^rd-/);
  });

  it('an unknown path: JSON 404 InvalidAction.NotFound; an undecodable one: JSON 400', async () => {
    for (const path of ['/nothing/here', '/favicon.ico?x=1']) {
      assert.equal(assertJsonAnswer(await httpRequest(server.url, { method: 'GET', path }), 404).Code, 'InvalidAction.NotFound');
    }
    assert.equal(assertJsonAnswer(await httpRequest(server.url, { method: 'GET', path: '/%zz' }), 400).Code, 'InvalidRequest.Malformed');
  });

  it('a body over RDC_BODY_LIMIT: JSON 413 with a PascalCase Code, by length or chunked', async () => {
    const big = 'a=' + 'x'.repeat(3000);
    const byLength = await httpRequest(server.url, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big }, false);
    assert.equal(assertJsonAnswer(byLength, 413).Code, 'InvalidRequest.BodyTooLarge');
    const chunked = await httpRequest(server.url, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, body: big }, false);
    assert.equal(assertJsonAnswer(chunked, 413).Code, 'InvalidRequest.BodyTooLarge');
  });

  it('a malformed request line on a raw socket: JSON 400', async () => {
    for (const bytes of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header Line\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\n\r\n']) {
      const raw = await new Promise<string>((resolvePromise, reject) => {
        const socket = net.connect(server.port, '127.0.0.1');
        let text = '';
        socket.on('data', (c) => (text += c.toString('latin1')));
        socket.on('close', () => resolvePromise(text));
        socket.on('error', reject);
        socket.end(Buffer.from(bytes, 'latin1'));
      });
      const [head, body] = raw.split('\r\n\r\n');
      assert.match(head!, /^HTTP\/1\.1 400 /, JSON.stringify(bytes));
      const json = JSON.parse(body!);
      assert.equal(json.Code, 'InvalidRequest.Malformed');
      assert.match(json.RequestId, REQUEST_ID);
      assert.match(head!, new RegExp(`\r\nx-acs-request-id: ${json.RequestId}\r\n`, 'i'));
    }
  });

  it('/readyz answers 503 once the store no longer answers', async () => {
    const other = await startTestServer();
    try {
      await other.store.close();
      assert.equal(assertJsonAnswer(await httpRequest(other.url, { method: 'GET', path: '/readyz' }, false), 503).Status, 'unavailable');
      assert.equal(assertJsonAnswer(await httpRequest(other.url, { method: 'GET', path: '/healthz' }, false), 200).Status, 'ok');
    } finally {
      await other.stop();
    }
  });
});

describe('the access log', () => {
  let running: Running;
  const lines: any[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({ RDC_PORT: '0', RDC_DATA_DIR: freshDir(), RDC_LOG_LEVEL: 'info', ...answerRecordEnv });
    running = await start(config, pino({ level: 'info' }, sink));
  });
  after(() => running.close());

  it('one JSON line per request with RequestId, Method, Path, ClientIp, Action, AccessKeyId, Status, Code and ms; never the secret', async () => {
    const creds = { accessKeyId: running.root.accessKeyId, accessKeySecret: running.root.accessKeySecret };
    const ok = await httpRequest(running.url, v1FormPost(creds, 'GetResourceDirectory'));
    const badSignature = await httpRequest(running.url, v1FormPost({ ...creds, accessKeySecret: 'wrong-secret' }, 'GetResourceDirectory'));
    const notFound = await httpRequest(running.url, { method: 'GET', path: '/nowhere' });
    const health = await httpRequest(running.url, { method: 'GET', path: '/healthz' });
    const v3 = await makeClient('openapi-core-v3', running.url, creds)('GetResourceDirectory').catch((err) => err.data);
    const expected = [
      { RequestId: ok.json.RequestId, Method: 'POST', Path: '/', ClientIp: '127.0.0.1', Action: 'GetResourceDirectory', AccessKeyId: creds.accessKeyId, Status: 404, Code: 'ResourceDirectoryNotInUse' },
      { RequestId: badSignature.json.RequestId, Method: 'POST', Path: '/', ClientIp: '127.0.0.1', Status: 400, Code: 'SignatureDoesNotMatch' },
      { RequestId: notFound.json.RequestId, Method: 'GET', Path: '/nowhere', ClientIp: '127.0.0.1', Status: 404, Code: 'InvalidAction.NotFound' },
      { RequestId: health.json.RequestId, Method: 'GET', Path: '/healthz', ClientIp: '127.0.0.1', Status: 200 },
      { RequestId: v3.RequestId, Method: 'POST', Path: '/', ClientIp: '127.0.0.1', Action: 'GetResourceDirectory', AccessKeyId: creds.accessKeyId, Status: 404, Code: 'ResourceDirectoryNotInUse' },
    ];
    await waitFor('the access-log lines', () => expected.every((e) => lines.some((l) => l.RequestId === e.RequestId)));
    for (const e of expected) {
      const found = lines.filter((l) => l.RequestId === e.RequestId);
      assert.equal(found.length, 1, `one line for ${e.RequestId}`);
      const { RequestId, Method, Path, ClientIp, Action, AccessKeyId, Status, Code, ms } = found[0];
      assert.deepEqual(JSON.parse(JSON.stringify({ RequestId, Method, Path, ClientIp, Action, AccessKeyId, Status, Code })), e);
      assert.equal(typeof ms, 'number');
      assert.equal(found[0].level, 30, 'info');
    }
    const everything = JSON.stringify(lines);
    assert.doesNotMatch(everything, new RegExp(creds.accessKeySecret.replace(/[^A-Za-z0-9]/g, '.')), 'the secret is never logged');
    assert.doesNotMatch(everything, /wrong-secret/);
  });
});

describe('logs people can read', () => {
  /** A stream that keeps what is written to it, as text. */
  function textSink(): { stream: Writable; text: () => string } {
    let text = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    return { stream, text: () => text };
  }

  it('start-up says per subsystem what is on and off (store, delivery, outbox, console, TLS, metrics), naming no password', async () => {
    const proc = await spawnServe({ RDC_DATA_DIR: freshDir(), RDC_SMTP_URL: 'smtp://mailer:SmtpPassw0rd@127.0.0.1:2525' });
    try {
      const summary = Object.fromEntries(proc.logLines().filter((l) => l.subsystem).map((l) => [l.subsystem, l.msg]));
      assert.deepEqual(Object.keys(summary).sort(), ['console', 'delivery', 'metrics', 'outbox', 'store', 'tls']);
      // The run's store: SQLite in the data folder with the library of this runtime (the server runs on this
      // test's Node.js), or (RDC_TEST_STORE=postgres) a database named by host, port and name.
      if (TEST_STORE === 'sqlite') assert.match(summary.store, new RegExp(`^store: SQLite in \\S+rdc-ops-\\S+ \\(${sqliteLibrary()}\\)$`));
      else assert.match(summary.store, /^store: PostgreSQL [\w.-]+:\d+\/\w+, 10 connections per node$/);
      assert.equal(summary.delivery, 'delivery: email SMTP at 127.0.0.1:2525; SMS captured in the outbox (RDC_SMS_PROVIDER=outbox)');
      // RDC_OUTBOX=auto: a channel with real delivery makes it a real installation, where the outbox is off.
      assert.equal(summary.outbox, 'outbox: off (RDC_OUTBOX=auto: a channel delivers for real)');
      assert.equal(summary.console, 'console: /console, sign-ins last 8 h');
      assert.equal(summary.tls, 'tls: off, plain HTTP (RDC_TLS_CERT_FILE unset); trusted proxies: none (forwarding headers ignored)');
      assert.match(summary.metrics, /^metrics: GET http:\/\/127\.0\.0\.1:\d+\/metrics \(Prometheus text format, no authentication\) on the main port$/);
      assert.doesNotMatch(proc.stdout(), /SmtpPassw0rd/, 'the SMTP password is never logged');
    } finally {
      proc.child.kill('SIGTERM');
      assert.equal((await proc.exited).code, 0);
    }
  });

  it('RDC_LOG_FORMAT=pretty: one readable line per record (time, level, message, key=value)', async () => {
    const sink = textSink();
    const config = loadConfig({ RDC_PORT: '0', RDC_DATA_DIR: freshDir(), RDC_LOG_FORMAT: 'pretty' });
    const running = await start(config, createLogger(config, sink.stream));
    try {
      const health = await httpRequest(running.url, { method: 'GET', path: '/healthz' });
      await waitFor('the access-log line', () => sink.text().includes(health.json.RequestId));
    } finally {
      await running.close();
    }
    const lines = sink.text().trimEnd().split('\n');
    for (const line of lines) assert.match(line, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (INFO |WARN |ERROR|DEBUG) \S/, 'a pretty line, not JSON');
    const access = lines.find((l) => l.includes('Path=/healthz'));
    assert.ok(access, sink.text());
    assert.match(access, / INFO  RequestId=[0-9A-F-]{36} Method=GET Path=\/healthz ClientIp=127\.0\.0\.1 Status=200 ms=[\d.]+$/);
  });

  it('a warning when RDC_ROOT_* replaces root credentials generated earlier in the data folder', async () => {
    const dataDir = freshDir();
    const startWith = async (env: Record<string, string>) => {
      const sink = textSink();
      const running = await start(loadConfig({ RDC_PORT: '0', RDC_DATA_DIR: dataDir, ...env }), pino({ level: 'info' }, sink.stream));
      await running.close();
      return sink.text().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
    };
    const first = await startWith({});
    assert.equal(first.filter((l) => l.level >= 40).length, 0, 'nothing to warn about on a first start');
    const kept = JSON.parse(readFileSync(join(dataDir, 'root-credentials.json'), 'utf8'));

    const replaced = await startWith({ RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tReplacingKey000001', RDC_ROOT_ACCESS_KEY_SECRET: 'ReplacingSecret012345678' });
    const warnings = replaced.filter((l) => l.level === 40);
    assert.equal(warnings.length, 1, JSON.stringify(replaced));
    assert.deepEqual(warnings[0].replaced, ['RDC_ROOT_ACCESS_KEY_ID', 'RDC_ROOT_ACCESS_KEY_SECRET']);
    assert.match(warnings[0].msg, /replace the root credentials an earlier start generated and kept in .*root-credentials\.json/);
    assert.doesNotMatch(JSON.stringify(replaced), /ReplacingSecret012345678/, 'the secret is never logged');

    const same = await startWith({ RDC_ROOT_ACCOUNT_ID: kept.accountId, RDC_ROOT_ACCESS_KEY_ID: kept.accessKeyId });
    assert.equal(same.filter((l) => l.level >= 40).length, 0, 'settings equal to the kept values replace nothing');
  });
});

describe('the process', () => {
  it('SIGTERM lets an in-flight request finish, refuses new connections, then exits 0 with the store closed', async () => {
    const dataDir = freshDir();
    const root = { RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tShutdownKey0000001', RDC_ROOT_ACCESS_KEY_SECRET: 'ShutdownSecret0123456789' };
    const creds = { accessKeyId: root.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: root.RDC_ROOT_ACCESS_KEY_SECRET };
    const proc = await spawnServe({ ...root, RDC_DATA_DIR: dataDir, RDC_SHUTDOWN_TIMEOUT: '10' });
    const { hostname, port } = new URL(proc.url);

    // A request whose body is still arriving when SIGTERM comes.
    const body = Buffer.from(formEncode(signedV1Params(creds, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' })));
    const answer = new Promise<{ status: number; text: string }>((resolvePromise, reject) => {
      const req = http.request({ host: hostname, port, method: 'POST', path: '/', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolvePromise({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 10));
      setTimeout(() => {
        proc.child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(10)), 500);
      }, 200);
    });

    await new Promise((r) => setTimeout(r, 450));
    assert.equal(proc.child.exitCode, null, 'still running while a request is in flight');
    await assert.rejects(httpRequest(proc.url, { method: 'GET', path: '/healthz' }, false), (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED');

    const done = await answer;
    assert.equal(done.status, 200, done.text);
    assert.match(JSON.parse(done.text).ResourceDirectory.ResourceDirectoryId, /^rd-/);
    const exit = await proc.exited;
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(exit.stderr, '');
    assert.ok(proc.logLines().some((l) => l.msg === 'stopped: in-flight requests finished, store closed'), 'the shutdown line is logged');
    // SQLite folds its write-ahead log back into the file when the last connection closes.
    assert.equal(existsSync(join(dataDir, 'rdcontacts.sqlite-wal')), false, 'the store was closed cleanly');
    assert.doesNotMatch(proc.stdout(), /ShutdownSecret0123456789/, 'the secret is never logged');

    // The write of the finished request is there.
    const again = await startTestServer(root, dataDir);
    try {
      const got = await again.client('openapi-core-v3')('GetResourceDirectory');
      assert.equal(got.ResourceDirectory.ResourceDirectoryId, JSON.parse(done.text).ResourceDirectory.ResourceDirectoryId);
    } finally {
      await again.stop();
    }
  });

  it('root credentials generated on the first start are printed once, kept with mode 0600, and reused', async () => {
    const dataDir = freshDir();
    const first = await spawnServe({ RDC_DATA_DIR: dataDir });
    await waitFor('the credentials banner', () => /AccessKey secret:\s+\S+/.test(first.stdout()));
    const id = /AccessKey ID:\s+(\S+)/.exec(first.stdout())![1]!;
    const secret = /AccessKey secret:\s+(\S+)/.exec(first.stdout())![1]!;
    const file = join(dataDir, 'root-credentials.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
      accountId: /management account (\d{16})/.exec(first.stdout())![1],
      accessKeyId: id,
      accessKeySecret: secret,
    });
    assert.equal(first.stdout().split('AccessKey secret:').length - 1, 1, 'one banner');
    assert.equal(JSON.stringify(first.logLines()).includes(secret), false, 'the secret is in no log line');
    await assert.rejects(makeClient('pop-core-get', first.url, { accessKeyId: id, accessKeySecret: secret })('GetResourceDirectory'), (err: any) => err.code === 'ResourceDirectoryNotInUse');
    first.child.kill('SIGTERM');
    assert.equal((await first.exited).code, 0);

    const second = await spawnServe({ RDC_DATA_DIR: dataDir });
    try {
      await makeClient('openapi-client-v3', second.url, { accessKeyId: id, accessKeySecret: secret })('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
      assert.doesNotMatch(second.stdout(), /AccessKey secret/, 'not printed again');
      assert.equal(second.stdout().includes(secret), false);
    } finally {
      second.child.kill('SIGTERM');
      assert.equal((await second.exited).code, 0);
    }
  });
});
