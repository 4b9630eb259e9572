/**
 * Console sessions live in the store: the token's hash only, a session made on one node valid on another
 * over the same PostgreSQL database (its form token and its note for the next page too), sign-out on one
 * node ending it on every node, and housekeeping removing expired sessions.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleClient } from '../../support/console.js';
import { killServes, spawnServe, type ServeProcess } from '../../support/child.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const tokenOf = (c: ConsoleClient) => c.cookie.slice('rdc_session='.length);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('console sessions in the store', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ RDC_CONSOLE_SESSION_TTL: '3600' });
  });
  after(() => server?.stop());

  it('keeps the SHA-256 of the token, never the token', async () => {
    const c = new ConsoleClient(server.url);
    await c.signIn(server.creds.accessKeyId, server.creds.accessKeySecret);
    const token = tokenOf(c);
    assert.match(token, /^[\w-]{43}$/);
    const kept = await server.store.consoleSessions.find(sha256(token));
    assert.equal(kept?.keyId, server.creds.accessKeyId);
    assert.ok(kept!.expiresAt > Date.now() + 3_500_000 && kept!.expiresAt <= Date.now() + 3_600_000);
    assert.equal(await server.store.consoleSessions.find(token), undefined, 'not under the token itself');
  });

  it('housekeeping removes the expired sessions and keeps the live ones', async () => {
    const c = new ConsoleClient(server.url);
    await c.signIn(server.creds.accessKeyId, server.creds.accessKeySecret);
    const hash = sha256(tokenOf(c));
    const live = await server.app.services.housekeeping.runOnce(Date.now());
    assert.equal(live.consoleSessions, 0);
    assert.ok(await server.store.consoleSessions.find(hash));
    const later = await server.app.services.housekeeping.runOnce(Date.now() + 3_600_001);
    assert.ok(later.consoleSessions >= 1);
    assert.equal(await server.store.consoleSessions.find(hash), undefined);
    assert.equal((await c.get('/console')).location, '/console/sign-in?ended=1');
  });
});

describe('console sessions across nodes over one PostgreSQL database', { skip: POSTGRES_ONLY }, () => {
  const ROOT = { RDC_ROOT_ACCOUNT_ID: '1234567890123457', RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tConsoleNodes0001', RDC_ROOT_ACCESS_KEY_SECRET: 'ConsoleNodesSecret0123456789' };
  const dirs: string[] = [];
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let a: ServeProcess;
  let b: ServeProcess;

  before(async () => {
    database = await freshTestDatabase();
    const node = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rdc-console-node-'));
      dirs.push(dataDir);
      return spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir, RDC_DATABASE_URL: database.url });
    };
    a = await node();
    b = await node();
  });
  after(async () => {
    killServes();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a session made on node A is valid on node B: its pages, its forms and its note; signing out on B ends it on A', async () => {
    const onA = new ConsoleClient(a.url);
    assert.equal((await onA.signIn(ROOT.RDC_ROOT_ACCESS_KEY_ID, ROOT.RDC_ROOT_ACCESS_KEY_SECRET)).status, 303);
    const onB = new ConsoleClient(b.url);
    onB.cookie = onA.cookie;
    assert.equal((await onB.get('/console/contacts')).status, 200, 'the cookie of A signs in on B');

    // A form of a page from A, posted to B (its form token is the same on every node); the note shows on A.
    const csrf = await onA.csrf();
    const enabled = await onB.post('/console/do/EnableResourceDirectory', { _csrf: csrf, _back: '/console', EnableMode: 'CurrentAccount' });
    assert.equal(enabled.status, 303);
    const next = await onA.get(enabled.location!);
    assert.match(next.body, /<p class="flash success" role="status">Done\.<\/p>/);
    assert.doesNotMatch((await onB.get('/console')).body, /class="flash/, 'the note is shown once, on whichever node');

    const out = await onB.post('/console/sign-out', { _csrf: await onB.csrf() });
    assert.equal(out.location, '/console/sign-in');
    const ended = await onA.get('/console');
    assert.equal(ended.status, 303);
    assert.equal(ended.location, '/console/sign-in?ended=1');
  });
});
