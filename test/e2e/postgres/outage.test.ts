/**
 * PostgreSQL going away in the middle of a stream of calls, and coming back: while it is away the node
 * answers 503 ServiceUnavailable (never 500) and /readyz fails; afterwards it serves again by itself.
 *
 * The outage is made by a TCP proxy in this test process between the node and PostgreSQL
 * (test/support/cuttable-proxy.ts): what a node sees while PostgreSQL restarts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorOf, makeClient, type Call } from '../../support/clients.js';
import { killServes, spawnServe, type ServeProcess } from '../../support/child.js';
import { addContact, contactName, EMAIL } from '../../support/contacts.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';
import { httpRequest } from '../../support/hand-signed.js';
import { CuttableProxy } from '../../support/cuttable-proxy.js';

const ROOT = {
  RDC_ROOT_ACCOUNT_ID: '1234567890123457',
  RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tOutageKey000000001',
  RDC_ROOT_ACCESS_KEY_SECRET: 'OutageSecret0123456789',
};
const creds = { accessKeyId: ROOT.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: ROOT.RDC_ROOT_ACCESS_KEY_SECRET };

type Phase = 'before' | 'outage' | 'after';
interface Outcome {
  action: string;
  /** The phase when the call started, and when it ended. */
  started: Phase;
  ended: Phase;
  status: number;
  code: string | undefined;
}

describe('PostgreSQL restarted in the middle of a stream of calls', { skip: POSTGRES_ONLY }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-pg-outage-'));
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let proxy: CuttableProxy;
  let node: ServeProcess;
  let call: Call;

  before(async () => {
    database = await freshTestDatabase();
    proxy = await CuttableProxy.to(database.url);
    node = await spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir, RDC_DATABASE_URL: proxy.url, RDC_MAX_CONTACTS_PER_DIRECTORY: '100000' });
    call = makeClient('openapi-core-v3', node.url, creds);
  });
  after(async () => {
    killServes();
    await proxy?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('only 503 ServiceUnavailable while it is away, /readyz fails, then success without restarting the node', async () => {
    const rd = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    const contact = await addContact(call);
    const added: string[] = [];
    const requests: Array<[string, () => Promise<any>]> = [
      ['GetResourceDirectory', () => call('GetResourceDirectory')],
      ['GetMessageContact', () => call('GetMessageContact', { ContactId: contact })],
      ['ListMessageContacts', () => call('ListMessageContacts', { PageSize: 5 })],
      ['AddMessageContact', async () => added.push((await call('AddMessageContact', { Name: contactName(), EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] })).Contact.ContactId)],
      ['CreateFolder', () => call('CreateFolder', { FolderName: 'f' + Math.random().toString(36).slice(2, 10), ParentFolderId: rd.RootFolderId })],
      ['ListFoldersForParent', () => call('ListFoldersForParent', { ParentFolderId: rd.RootFolderId, PageSize: 5 })],
    ];

    let phase: Phase = 'before';
    let stopping = false;
    const outcomes: Outcome[] = [];
    const worker = async (offset: number) => {
      for (let i = offset; !stopping; i++) {
        const [action, run] = requests[i % requests.length]!;
        const started = phase;
        try {
          await run();
          outcomes.push({ action, started, ended: phase, status: 200, code: undefined });
        } catch (err) {
          const e = errorOf(err);
          outcomes.push({ action, started, ended: phase, status: e.status ?? 0, code: e.code });
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const seen = (p: Phase, ok: boolean) => outcomes.some((o) => o.started === p && o.ended === p && (o.status === 200) === ok);
    const waitFor = async (what: string, check: () => boolean | Promise<boolean>) => {
      const deadline = Date.now() + 30_000;
      while (!(await check())) {
        assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const ready = async () => (await httpRequest(node.url, { method: 'GET', path: '/readyz' }, false)).status;

    const workers = [0, 1, 2].map(worker);
    let recovered: number;
    try {
      await waitFor('calls to succeed before the outage', () => outcomes.filter((o) => o.started === 'before' && o.status === 200).length >= 12);

      await proxy.cut();
      phase = 'outage';
      // An outage of a couple of seconds, as long as a restart takes, with calls all along.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await waitFor('calls during the outage', () => outcomes.filter((o) => o.started === 'outage' && o.ended === 'outage').length >= 12);
      assert.equal(await ready(), 503, '/readyz fails while the database is away');
      assert.equal((await httpRequest(node.url, { method: 'GET', path: '/healthz' }, false)).status, 200, '/healthz: the node itself is fine');

      await proxy.open();
      phase = 'after';
      await waitFor('a call to succeed after the outage', () => seen('after', true));
      recovered = outcomes.length;
      await waitFor('more calls after the recovery', () => outcomes.length >= recovered + 12);
    } finally {
      stopping = true;
      await Promise.all(workers);
      if (node.child.exitCode !== null || node.child.signalCode !== null) console.log(`# the node exited: ${node.stderr()}\n${node.stdout().slice(-3000)}`);
    }

    const summary = JSON.stringify(outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [`${o.started}/${o.ended} ${o.status} ${o.code ?? ''}`]: (n[`${o.started}/${o.ended} ${o.status} ${o.code ?? ''}`] ?? 0) + 1 }), {}));
    console.log(`# outcomes (phase at start/end, status, code): ${summary}`);
    for (const o of outcomes) {
      assert.ok(o.status === 200 || (o.status === 503 && o.code === 'ServiceUnavailable'), `${o.action} during ${o.started}/${o.ended}: ${o.status} ${o.code}`);
    }
    assert.ok(!seen('before', false), 'every call before the outage succeeded');
    assert.ok(!seen('outage', true), 'no call started and ended during the outage succeeded');
    assert.ok(seen('outage', false), 'calls failed during the outage');
    assert.ok(outcomes.slice(recovered).every((o) => o.status === 200), 'once recovered, every call succeeds');
    assert.equal(node.child.exitCode, null, 'the node was never restarted');
    assert.equal(await ready(), 200, '/readyz answers again');

    // Every Add that was answered with success is there.
    for (const id of added) assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.ContactId, id);
  });
});
