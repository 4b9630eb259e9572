import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { DELETION_JOB } from '../../../src/domain/deletion.js';
import { openTestServices, type TestServices } from '../../support/services.js';

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the deletion job', () => {
  let t: TestServices;
  let rd: ResourceDirectory;
  before(async () => {
    t = await openTestServices();
    rd = await t.services.directory.enable('1000000000000002', false);
  });
  after(() => t.close());

  it('is enqueued in the same transaction as the Deleting status, and runs when the runner starts', async () => {
    const { id } = await t.services.contacts.add(rd, { name: 'Queued', email: 'q@example.com', phone: undefined, title: 'CEO', messageTypes: ['AccountExpenses'] });
    assert.equal(await t.services.deletion.delete(rd, id, false), 'Deleting');
    const job = await t.store.jobs.pending(DELETION_JOB, id);
    assert.equal(job?.state, 'ready');
    assert.equal((await t.services.deletion.status(rd, id)).status, 'Deleting');
    t.services.jobs.start();
    await until(async () => (await t.store.contacts.findById(id)) === undefined);
    await t.services.jobs.stop();
  });

  it('a job claimed by a node that died is taken over once its lease expires', async () => {
    const { id } = await t.services.contacts.add(rd, { name: 'Orphan', email: 'o@example.com', phone: undefined, title: 'CEO', messageTypes: ['AccountExpenses'] });
    await t.services.deletion.delete(rd, id, false);
    const now = Date.now();
    // The dead node claimed it with a lease of 300 ms, and never finished.
    const claimed = await t.store.jobs.claim([DELETION_JOB], 'dead-node', now, now + 300);
    assert.equal(claimed?.subject, id);
    t.services.jobs.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(await t.store.contacts.findById(id), 'not taken over while the lease holds');
    await until(async () => (await t.store.contacts.findById(id)) === undefined);
    await t.services.jobs.stop();
  });

  it('a job for a contact that is no longer Deleting does nothing', async () => {
    const { id } = await t.services.contacts.add(rd, { name: 'Stays', email: 's@example.com', phone: undefined, title: 'CEO', messageTypes: ['AccountExpenses'] });
    const outcome = await t.services.deletion.runJob({ id: 'job-x', kind: DELETION_JOB, subject: id, payload: JSON.stringify({ contactId: id }), state: 'running', attempts: 1 });
    assert.deepEqual(outcome, { done: true });
    assert.ok(await t.store.contacts.findById(id));
  });
});
