/**
 * The API's answers sent together at the end of the event loop's turn (src/http/end-of-turn.ts): none is
 * sent while the turn goes on, all go in order at its end, a full batch goes at once, and one answer that
 * cannot be sent does not hold back the others.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { endOfTurnSender, MOST_WAITING } from '../../../src/http/end-of-turn.js';

/** A response that records the bodies it was ended with into `sent`. */
function response(sent: string[], fails = false): ServerResponse {
  return {
    end(body: string) {
      if (fails) throw new Error(`cannot send ${body}`);
      sent.push(body);
    },
  } as unknown as ServerResponse;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('answers sent at the end of the turn', () => {
  it('sends nothing during the turn, then every answer in the order it was ready', async () => {
    const sent: string[] = [];
    const send = endOfTurnSender(() => assert.fail('no answer fails'));
    send(response(sent), 'a');
    send(response(sent), 'b');
    await Promise.resolve();
    send(response(sent), 'c');
    assert.deepEqual(sent, [], 'microtasks of the same turn still wait');
    await nextTurn();
    assert.deepEqual(sent, ['a', 'b', 'c']);
    send(response(sent), 'd');
    await nextTurn();
    assert.deepEqual(sent, ['a', 'b', 'c', 'd'], 'a later turn is sent in its own turn');
  });

  it(`sends a batch at once when ${MOST_WAITING} answers wait, and the next ones at the turn's end`, async () => {
    const sent: string[] = [];
    const send = endOfTurnSender(() => assert.fail('no answer fails'));
    for (let i = 0; i < MOST_WAITING - 1; i++) send(response(sent), `#${i}`);
    assert.equal(sent.length, 0);
    send(response(sent), 'last of the batch');
    assert.equal(sent.length, MOST_WAITING, 'the full batch went without waiting');
    assert.equal(sent.at(-1), 'last of the batch');
    send(response(sent), 'after');
    assert.equal(sent.length, MOST_WAITING);
    await nextTurn();
    assert.deepEqual(sent.slice(MOST_WAITING), ['after']);
  });

  it('sends the rest of a batch when one answer cannot be sent, and reports that one', async () => {
    const sent: string[] = [];
    const failures: unknown[] = [];
    const send = endOfTurnSender((err) => failures.push(err));
    send(response(sent), 'first');
    send(response(sent, true), 'broken');
    send(response(sent), 'third');
    await nextTurn();
    assert.deepEqual(sent, ['first', 'third']);
    assert.equal(failures.length, 1);
    assert.match(String((failures[0] as Error).message), /cannot send broken/);
  });
});
