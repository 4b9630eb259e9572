import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf } from '../../support/clients.js';
import { genericClient } from '../../support/generic-client.js';
import { selfSignedCertificate, type Certificate } from '../../support/certificates.js';
import { killServes, spawnServe } from '../../support/child.js';
import { eventually } from '../../support/eventually.js';
import { parsePolicy } from '../../../src/auth/policy.js';
import { ConfigError } from '../../../src/config.js';

const A = '1000000000000001';
const USER = 'LTAIsecure00001';
const USER_SECRET = 'secret-of-LTAIsecure00001';

/** Adds a RAM user of account A with one custom policy to a running server. */
function addUser(server: TestServer, statement: Record<string, unknown>): { accessKeyId: string; accessKeySecret: string } {
  const policy = parsePolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:GetResourceDirectory', Resource: '*', ...statement }] }, 'user.policies[0]');
  server.keys.replace([...server.keys.all(), { id: USER, secret: USER_SECRET, status: 'Active', principal: { accountId: A, type: 'SubUser', name: 'user' }, policies: [policy] }]);
  return { accessKeyId: USER, accessKeySecret: USER_SECRET };
}

const outcome = (promise: Promise<unknown>) => promise.then(() => 'allowed', (err: unknown) => errorOf(err).code);

describe('native TLS (RDC_TLS_CERT_FILE, RDC_TLS_KEY_FILE) and acs:SecureTransport', () => {
  let dir: string;
  let cert: Certificate;
  let https: TestServer;
  let http: TestServer;
  const secureOnly = { Condition: { Bool: { 'acs:SecureTransport': 'true' } } };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdc-tls-'));
    cert = selfSignedCertificate(dir, 'a');
    https = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_TLS_CERT_FILE: cert.certFile, RDC_TLS_KEY_FILE: cert.keyFile });
    http = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A });
    for (const server of [https, http]) addUser(server, secureOnly);
  });
  after(async () => {
    await https?.stop();
    await http?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves https://; openapi-core with protocol https and the CA trusted succeeds, and refuses the connection without it', async () => {
    assert.match(https.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const root = { accessKeyId: https.root.accessKeyId, accessKeySecret: https.root.accessKeySecret };
    const body = await genericClient(https.url, root, { ca: cert.pem })('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    assert.match(body.ResourceDirectory.ResourceDirectoryId, /^rd-/);
    const untrusted = await genericClient(https.url, root)('GetResourceDirectory').then(() => 'succeeded', (err: Error) => err.message);
    assert.match(untrusted, /self[- ]signed certificate/i);
  });

  it('a certificate without its key, or a key that is not the certificate’s, stops the start with one line', async () => {
    const other = selfSignedCertificate(dir, 'other');
    await assert.rejects(startTestServer({ RDC_TLS_CERT_FILE: cert.certFile }), (err: Error) => err instanceof ConfigError && /are set together/.test(err.message));
    await assert.rejects(startTestServer({ RDC_TLS_CERT_FILE: cert.certFile, RDC_TLS_KEY_FILE: other.keyFile }), (err: Error) => err instanceof ConfigError && /cannot use the TLS certificate .*a\.crt with the key .*other\.key/.test(err.message));
    await assert.rejects(startTestServer({ RDC_TLS_CERT_FILE: join(dir, 'missing.crt'), RDC_TLS_KEY_FILE: cert.keyFile }), (err: Error) => err instanceof ConfigError && /cannot read .*missing\.crt \(RDC_TLS_CERT_FILE\): ENOENT/.test(err.message));
  });

  it('a policy with Bool acs:SecureTransport true allows over TLS and denies over plain HTTP', async () => {
    await genericClient(http.url, http.creds)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    await genericClient(https.url, https.creds, { ca: cert.pem })('GetResourceDirectory');
    assert.equal(await outcome(genericClient(https.url, { accessKeyId: USER, accessKeySecret: USER_SECRET }, { ca: cert.pem })('GetResourceDirectory')), 'allowed');
    assert.equal(await outcome(genericClient(http.url, { accessKeyId: USER, accessKeySecret: USER_SECRET })('GetResourceDirectory')), 'NoPermission');
  });
});

describe('RDC_TRUSTED_PROXIES: whose forwarding headers feed acs:SourceIp and acs:SecureTransport', () => {
  let behindProxy: TestServer;
  let direct: TestServer;
  const user = { accessKeyId: USER, accessKeySecret: USER_SECRET };
  const fromOffice = { Condition: { IpAddress: { 'acs:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } } };

  before(async () => {
    behindProxy = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_TRUSTED_PROXIES: '127.0.0.1/32, ::1' });
    direct = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_TRUSTED_PROXIES: '10.0.0.0/8' });
    for (const server of [behindProxy, direct]) {
      await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
      addUser(server, fromOffice);
    }
  });
  after(async () => {
    await behindProxy?.stop();
    await direct?.stop();
  });

  const ask = (server: TestServer, headers: Record<string, string>) => outcome(genericClient(server.url, user, { headers })('GetResourceDirectory'));

  it('behind a trusted proxy an IpAddress condition sees the forwarded address (X-Forwarded-For, or RFC 7239 Forwarded)', async () => {
    assert.equal(await ask(behindProxy, {}), 'NoPermission', 'the proxy itself (127.0.0.1) is not in the range');
    assert.equal(await ask(behindProxy, { 'x-forwarded-for': '203.0.113.7' }), 'allowed');
    assert.equal(await ask(behindProxy, { forwarded: 'for="[2001:db8::7]:4711";proto=https' }), 'allowed');
    assert.equal(await ask(behindProxy, { forwarded: 'for=198.51.100.1' }), 'NoPermission');
  });

  it('the client is the right-most untrusted hop: an address a client writes further left is not believed', async () => {
    assert.equal(await ask(behindProxy, { 'x-forwarded-for': '198.51.100.1, 127.0.0.1' }), 'NoPermission', 'a trusted hop is skipped; the next one is the client');
    assert.equal(await ask(behindProxy, { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' }), 'NoPermission', 'the spoofed left-most entry is ignored');
    assert.equal(await ask(behindProxy, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }), 'allowed');
  });

  it('from a peer that is not a trusted proxy the headers are ignored', async () => {
    assert.equal(await ask(direct, { 'x-forwarded-for': '203.0.113.7' }), 'NoPermission');
    assert.equal(await ask(direct, { forwarded: 'for=203.0.113.7;proto=https' }), 'NoPermission');
  });

  it('X-Forwarded-Proto / Forwarded proto=https of a trusted proxy is acs:SecureTransport; of anyone else not', async () => {
    for (const server of [behindProxy, direct]) {
      server.keys.replace(server.keys.all().filter((k) => k.id !== USER));
      addUser(server, { Condition: { Bool: { 'acs:SecureTransport': 'true' } } });
    }
    assert.equal(await ask(behindProxy, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' }), 'allowed');
    assert.equal(await ask(behindProxy, { forwarded: 'for=203.0.113.7;proto=https' }), 'allowed');
    assert.equal(await ask(behindProxy, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'http' }), 'NoPermission');
    assert.equal(await ask(direct, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' }), 'NoPermission');
  });
});

describe('SIGHUP reloads the TLS certificate without dropping connections', () => {
  after(() => killServes());

  it('new connections get the new certificate; a connection opened before keeps working; files that do not load keep the running one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-tls-reload-'));
    try {
      const first = selfSignedCertificate(dir, 'first');
      const second = selfSignedCertificate(dir, 'second');
      const certFile = join(dir, 'served.crt');
      const keyFile = join(dir, 'served.key');
      copyFileSync(first.certFile, certFile);
      copyFileSync(first.keyFile, keyFile);
      const serve = await spawnServe({ RDC_DATA_DIR: join(dir, 'data'), RDC_TLS_CERT_FILE: certFile, RDC_TLS_KEY_FILE: keyFile });
      const port = Number(new URL(serve.url).port);
      assert.match(serve.url, /^https:/);
      const open = await tlsConnect(port);
      assert.equal(open.getPeerCertificate().fingerprint256, first.fingerprint);
      // A renewal caught half-way (the new certificate, the old key): refused, the running one stays.
      copyFileSync(second.certFile, certFile);
      serve.child.kill('SIGHUP');
      await eventually('the refused reload is logged', () => serve.logLines().some((l) => l.msg === 'TLS certificate not reloaded, keeping the one in use'), 10_000);
      const still = await tlsConnect(port);
      assert.equal(still.getPeerCertificate().fingerprint256, first.fingerprint);
      still.destroy();
      copyFileSync(second.certFile, certFile);
      copyFileSync(second.keyFile, keyFile);
      serve.child.kill('SIGHUP');
      await eventually('the new certificate is served', async () => {
        const socket = await tlsConnect(port);
        const fingerprint = socket.getPeerCertificate().fingerprint256;
        socket.destroy();
        return fingerprint === second.fingerprint;
      }, 10_000);
      assert.match(await healthOver(open), /^HTTP\/1\.1 200 /, 'the connection opened before the reload still answers');
      // Log lines are written up to 100 ms late (src/logger.ts).
      await eventually('the reload is logged', () => serve.logLines().some((l) => l.msg === 'TLS certificate reloaded; new connections use it'), 10_000);
      serve.child.kill('SIGTERM');
      assert.equal((await serve.exited).code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function tlsConnect(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** GET /healthz over an open TLS connection; resolves to the start of the answer. */
function healthOver(socket: TLSSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk) => resolve(chunk.toString()));
    socket.once('error', reject);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });
}
