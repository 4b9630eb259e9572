/**
 * Admission control end to end: a node allowed one call at a time and no queue answers a burst of
 * simultaneous signed AddMessageContact calls with 200 for those it had a turn for and 503 ServiceUnavailable (Retry-After: 1,
 * the JSON error body) for the others, counts them in rdcontacts_calls_shed_total, and serves again once
 * the burst is over (every turn given back).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServerWithDirectory, type ServerWithDirectory } from '../../support/server.js';
import { httpRequest, v1FormPost } from '../../support/hand-signed.js';

const BURST = 40;

/** Contact names are letters: 0 → "aa", 1 → "ab", … */
function letters(i: number): string {
  return String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
}

describe('admission control', () => {
  let s: ServerWithDirectory;

  before(async () => {
    s = await startServerWithDirectory({ RDC_MAX_CALLS_IN_PROGRESS: '1', RDC_MAX_CALLS_QUEUED: '0', RDC_MAX_CONTACTS_PER_DIRECTORY: String(BURST) });
  });
  after(async () => {
    await s.server.stop();
  });

  it('a burst past the limit: 200 or 503 ServiceUnavailable with Retry-After, each 503 counted, then served again', async () => {
    // One open connection per call, all sent at once, so the node reads them in one turn (it accepts one new
    // connection per turn: over fresh connections a call could be done before the next one arrives), while
    // the first waits for its commit (a write: on SQLite a read is answered within the turn that read it).
    const agent = new http.Agent({ keepAlive: true, maxSockets: BURST });
    await Promise.all(Array.from({ length: BURST }, () => httpRequest(s.server.url, { method: 'GET', path: '/healthz' }, agent)));
    const add = (i: number) => v1FormPost(s.server.creds, 'AddMessageContact', { Name: `Burst${letters(i)}`, EmailAddress: `burst${i}@example.com`, Title: 'TechnicalDirector', 'MessageTypes.1': 'AccountExpenses' });
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => httpRequest(s.server.url, add(i), agent)));
    const busy = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    assert.equal(busy.length + served.length, BURST, `only 200 and 503: ${answers.map((a) => a.status).join(',')}`);
    assert.ok(served.length >= 1, 'the call with the turn was served');
    assert.ok(busy.length >= 1, `a burst of ${BURST} with one turn and no queue refuses some`);
    for (const a of busy) {
      assert.equal(a.json.Code, 'ServiceUnavailable');
      assert.equal(a.headers['retry-after'], '1');
      assert.match(a.json.RequestId, /^[0-9A-F-]{36}$/);
    }

    const metrics = await (await fetch(`${s.server.url}/metrics`)).text();
    const shed = /^rdcontacts_calls_shed_total\{reason="queue_full"\} (\d+)$/m.exec(metrics);
    assert.ok(shed, 'the shed counter is exposed');
    assert.equal(Number(shed[1]), busy.length);
    assert.match(metrics, /^rdcontacts_calls_queued 0$/m);

    const after = await httpRequest(s.server.url, v1FormPost(s.server.creds, 'GetResourceDirectory'), agent);
    assert.equal(after.status, 200, after.text);
    agent.destroy();
  });
});
