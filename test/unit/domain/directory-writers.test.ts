/**
 * DirectoryWriters (src/domain/directory-writers.ts): writes of one directory run one at a time in arrival
 * order, another directory's run beside them, and a failed write passes its turn on.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DirectoryWriters } from '../../../src/domain/directory-writers.js';

describe('directory writers', () => {
  it('one write per directory at a time, in arrival order; other directories are not held up', async () => {
    const writers = new DirectoryWriters(1);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const write = (dir: string, name: string, ms: number) =>
      writers.run(dir, async () => {
        if (dir === 'rd-a') most = Math.max(most, ++running);
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        if (dir === 'rd-a') running--;
        return name;
      });
    const results = await Promise.all([write('rd-a', 'a1', 30), write('rd-a', 'a2', 5), write('rd-a', 'a3', 5), write('rd-b', 'b1', 5)]);
    assert.deepEqual(results, ['a1', 'a2', 'a3', 'b1']);
    assert.equal(most, 1);
    assert.ok(log.indexOf('end b1') < log.indexOf('end a1'), 'rd-b did not wait for rd-a');
    assert.deepEqual(log.filter((l) => l.includes(' a')), ['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });

  it('a write that fails passes its turn to the next one', async () => {
    const writers = new DirectoryWriters(1);
    const failing = writers.run('rd-a', async () => {
      await sleep(5);
      throw new Error('refused');
    });
    const next = writers.run('rd-a', async () => 'done');
    await assert.rejects(failing, /refused/);
    assert.equal(await next, 'done');
  });

  it('without a bound, writes run at once', async () => {
    const writers = new DirectoryWriters(Infinity);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        writers.run('rd-a', async () => {
          most = Math.max(most, ++running);
          await sleep(5);
          running--;
        }),
      ),
    );
    assert.equal(most, 5);
  });
});
