/**
 * Admission control (src/http/admission.ts): a bounded number of calls run, a bounded queue waits first
 * come first served, and a call that cannot wait, waited too long or lost its client is refused.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Admission, type Admitted } from '../../../src/http/admission.js';

const stays = () => false;

function granted(a: Admitted): () => void {
  assert.equal(a.admitted, true, `admitted, got ${JSON.stringify(a)}`);
  return (a as Extract<Admitted, { admitted: true }>).release;
}

describe('admission control', () => {
  it('runs up to the limit at once, queues the next ones in order, refuses past the queue', async () => {
    const admission = new Admission({ inProgress: 2, queued: 2, waitMs: 10_000 });
    const first = granted(await admission.admit(stays));
    const second = granted(await admission.admit(stays));
    assert.equal(admission.inProgress, 2);
    const order: string[] = [];
    const third = Promise.resolve(admission.admit(stays)).then((a) => (order.push('third'), a));
    const fourth = Promise.resolve(admission.admit(stays)).then((a) => (order.push('fourth'), a));
    assert.equal(admission.queued, 2);
    assert.deepEqual(await admission.admit(stays), { admitted: false, reason: 'queue_full' });
    first();
    const releaseThird = granted(await third);
    assert.deepEqual(order, ['third'], 'one freed turn admits one waiter, the oldest');
    second();
    const releaseFourth = granted(await fourth);
    assert.deepEqual(order, ['third', 'fourth']);
    assert.equal(admission.queued, 0);
    releaseThird();
    releaseThird(); // a second release of the same turn frees nothing more
    releaseFourth();
    assert.equal(admission.inProgress, 0);
  });

  it('a newcomer never overtakes a waiter, even when a turn is free at that moment', async () => {
    const admission = new Admission({ inProgress: 1, queued: 5, waitMs: 10_000 });
    const release = granted(await admission.admit(stays));
    const waiter = admission.admit(stays);
    release();
    // The freed turn went to the waiter already: a newcomer waits.
    const newcomer = admission.admit(stays);
    assert.ok(newcomer instanceof Promise);
    granted(await waiter)();
    granted(await newcomer)();
  });

  it('a waiter past its wait is refused on time, even while every turn stays taken', async () => {
    const admission = new Admission({ inProgress: 1, queued: 5, waitMs: 60 });
    const release = granted(await admission.admit(stays));
    const started = Date.now();
    assert.deepEqual(await admission.admit(stays), { admitted: false, reason: 'waited_too_long' });
    const waited = Date.now() - started;
    assert.ok(waited >= 60 && waited < 1000, `refused after ${waited} ms`);
    assert.equal(admission.queued, 0);
    release();
  });

  it('a waiter whose client went away is refused when its turn comes, and the turn goes to the next one', async () => {
    const admission = new Admission({ inProgress: 1, queued: 5, waitMs: 10_000 });
    const release = granted(await admission.admit(stays));
    let gone = false;
    const leaving = admission.admit(() => gone);
    const staying = admission.admit(stays);
    gone = true;
    release();
    assert.deepEqual(await leaving, { admitted: false, reason: 'client_gone' });
    granted(await staying)();
    await sleep(0);
    assert.equal(admission.inProgress, 0);
  });

  it('with no queue, a call beyond the limit is refused at once', async () => {
    const admission = new Admission({ inProgress: 1, queued: 0, waitMs: 10_000 });
    const release = granted(await admission.admit(stays));
    assert.deepEqual(admission.admit(stays), { admitted: false, reason: 'queue_full' });
    release();
    granted(await admission.admit(stays))();
  });
});
