import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, makeClient, type Call } from '../../support/clients.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { addAccount, addContact, enableDirectory } from '../../support/contacts.js';
import { killHard, serveProcess } from '../../support/process.js';

type Outcome = { ok: true } | { ok: false; code: string; status: number | undefined };

async function attempt(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return { ok: true };
  } catch (err) {
    const e = errorOf(err);
    return { ok: false, code: e.code, status: e.status };
  }
}

describe('two nodes over one store: mutations of one contact are serialised across processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-two-nodes-'));
  const env = { RDC_MAX_MEMBERS_PER_CONTACT: '3' };
  let a: TestServer;
  let b: ChildProcess;
  let onA: Call;
  let onB: Call;
  let rd: ResourceDirectory;
  before(async () => {
    a = await startTestServer(env, dataDir);
    rd = await enableDirectory(a);
    const node = await serveProcess(dataDir, env);
    b = node.child;
    onA = a.client('openapi-core-v3');
    onB = makeClient('openapi-client-v1', node.url, a.creds);
  });
  after(async () => {
    await killHard(b);
    await a.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('racing AssociateMembers on both nodes: each answers success, 429 or the quota, and the quota holds', async () => {
    let conflicts = 0;
    for (let round = 0; round < 5; round++) {
      const id = await addContact(onA);
      const members: string[] = [];
      for (let i = 0; i < 8; i++) members.push(await addAccount(a, rd, rd.rootFolderId));
      const outcomes = await Promise.all(members.map((m, i) => attempt((i % 2 ? onB : onA)('AssociateMembers', { ContactId: id, Members: [m] }))));
      for (const o of outcomes) {
        if (o.ok) continue;
        assert.ok((o.code === 'ConcurrentCallNotSupported' && o.status === 429) || o.code === 'QuotaExceeded.Members', o.code);
        if (o.code === 'ConcurrentCallNotSupported') conflicts++;
      }
      const bound = members.filter((_, i) => outcomes[i]!.ok);
      const c = (await onB('GetMessageContact', { ContactId: id })).Contact;
      assert.deepEqual(new Set(c.Members), new Set(bound), 'exactly the successful calls took effect');
      assert.ok(bound.length >= 1 && bound.length <= 3, `${bound.length} bindings with a quota of 3`);
    }
    console.log(`# ${conflicts} calls answered 429 across the two nodes`);
  });

  it('racing updates on both nodes end in the state of one of the successful ones', async () => {
    const id = await addContact(onA);
    const updates = [
      { Title: 'CEO', MessageTypes: ['ServiceMessage'] },
      { Title: 'Other', MessageTypes: ['FaultMessage', 'ProductMessage'] },
      { Title: 'FinanceDirector', MessageTypes: ['AccountExpenses'] },
      { Title: 'ProjectDirector', MessageTypes: ['SecurityMessage', 'ActivityMessage'] },
      { Title: 'MaintenanceDirector', MessageTypes: ['ProductMessage'] },
      { Title: 'TechnicalDirector', MessageTypes: ['ActivityMessage', 'ServiceMessage', 'FaultMessage'] },
    ];
    const outcomes = await Promise.all(updates.map((u, i) => attempt((i % 2 ? onB : onA)('UpdateMessageContact', { ContactId: id, ...u }))));
    for (const o of outcomes) if (!o.ok) assert.deepEqual([o.code, o.status], ['ConcurrentCallNotSupported', 429]);
    const succeeded = updates.filter((_, i) => outcomes[i]!.ok);
    assert.ok(succeeded.length >= 1);
    const c = (await onA('GetMessageContact', { ContactId: id })).Contact;
    assert.ok(succeeded.some((u) => u.Title === c.Title && JSON.stringify(u.MessageTypes) === JSON.stringify(c.MessageTypes)), `${c.Title} ${c.MessageTypes}`);
  });
});
