import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { DELIVERY_JOB, MessageDispatcher, retryDelayMs } from '../../../src/delivery/dispatcher.js';
import type { OutgoingMessage, Transport } from '../../../src/delivery/delivery.js';
import { JobRunner } from '../../../src/jobs/runner.js';
import { openTestServices, type TestServices } from '../../support/services.js';
import { eventually } from '../../support/eventually.js';

/** A transport whose server answers as told: refusing, or accepting and counting. */
class ScriptedTransport implements Transport {
  readonly name = 'scripted';
  refuse = true;
  delivered: OutgoingMessage[] = [];
  attempts = 0;
  async deliver(m: OutgoingMessage): Promise<void> {
    this.attempts++;
    if (this.refuse) throw new Error('550 mailbox unavailable');
    this.delivered.push(m);
  }
}

const message = (id: string) => ({ Id: id, channel: 'email' as const, to: 'x@example.com', contactId: 'c-1', contactName: 'Xena', accountId: '1000000000000001', link: 'http://h/verify/t', subject: 's', text: 't', html: '<p>t</p>' });

describe('the delivery queue', () => {
  let t: TestServices;
  let runner: JobRunner;
  let transport: ScriptedTransport;
  let dispatcher: MessageDispatcher;
  before(async () => {
    t = await openTestServices();
    runner = new JobRunner(t.store, pino({ level: 'silent' }), t.metrics, { pollMs: 50 });
    transport = new ScriptedTransport();
    dispatcher = new MessageDispatcher(t.store, runner, { email: transport }, pino({ level: 'silent' }), t.metrics, { maxAttempts: 2 });
    runner.start();
  });
  after(async () => {
    await runner.stop();
    await t.close();
  });

  it('gives up after the last attempt: the message is failed, its link and body dropped, the job finished', async () => {
    transport.refuse = true;
    await dispatcher.send(message('m-failing'));
    const row = await eventually('the message given up', async () => {
      const r = await t.store.outbox.find('m-failing');
      return r?.state === 'failed' && r;
    });
    assert.deepEqual([row.attempts, row.lastError, row.link, row.text, row.html, row.deliveredAt], [2, '550 mailbox unavailable', '', '', null, null]);
    assert.equal(await t.store.jobs.pending(DELIVERY_JOB, 'm-failing'), undefined);
    assert.equal(transport.attempts, 2);
  });

  it('a second job for a delivered message delivers nothing again', async () => {
    transport.refuse = false;
    transport.attempts = 0;
    await dispatcher.send(message('m-once'));
    await eventually('delivered', async () => (await t.store.outbox.find('m-once'))?.state === 'sent');
    // As if a node died after delivering but before finishing its job: the job runs again.
    await runner.enqueue(DELIVERY_JOB, 'm-once', {});
    runner.kick();
    await eventually('the extra job finished', async () => (await t.store.jobs.pending(DELIVERY_JOB, 'm-once')) === undefined);
    assert.equal(transport.delivered.filter((m) => m.id === 'm-once').length, 1);
    assert.equal(transport.attempts, 1);
  });

  it('backs off 1 s, 2 s, 4 s … up to 5 minutes', () => {
    assert.deepEqual([1, 2, 3, 4, 9, 10, 20].map(retryDelayMs), [1000, 2000, 4000, 8000, 256_000, 300_000, 300_000]);
  });
});
