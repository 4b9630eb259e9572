/**
 * The API's answers go at the end of the event loop's turn (src/http/end-of-turn.ts): requests pipelined on
 * one connection, handled in one turn, are answered in the order they were sent, each with its own answer;
 * and many connections at once are each answered.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServerWithDirectory, type ServerWithDirectory } from '../../support/server.js';
import { v1FormPost } from '../../support/hand-signed.js';

/** Writes `requests` in one write on one connection and reads until `count` answers' bodies have come. */
function pipelined(url: string, requests: string, count: number): Promise<string[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(requests));
    let received = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`answers so far: ${received}`))), 10_000);
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const bodies = [...received.matchAll(/\r\n\r\n(\{.*?\})(?=HTTP\/1\.1 |$)/gs)].map((m) => m[1]!);
      if (bodies.length === count && received.endsWith('}')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(bodies);
      }
    });
    socket.on('error', reject);
  });
}

describe('answers sent at the end of the turn', () => {
  let ctx: ServerWithDirectory;
  const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
  const ids: string[] = [];

  before(async () => {
    ctx = await startServerWithDirectory();
    for (const name of names) {
      const added = await ctx.call('AddMessageContact', { Name: name, EmailAddress: `${name.toLowerCase()}@example.com`, Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] });
      ids.push(added.Contact.ContactId);
    }
  });
  after(() => ctx.server.stop());

  it('answers pipelined requests on one connection in the order they were sent', async () => {
    const raw = ids.map((id) => {
      const req = v1FormPost(ctx.server.creds, 'GetMessageContact', { ContactId: id });
      const body = String(req.body);
      return `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    });
    const bodies = await pipelined(ctx.server.url, raw.join(''), ids.length);
    assert.deepEqual(
      bodies.map((b) => JSON.parse(b).Contact?.Name),
      names,
    );
  });

  it('answers each of many connections at once with its own contact', async () => {
    const calls = Array.from({ length: 100 }, (_, i) => ctx.server.client('openapi-core-v3')('GetMessageContact', { ContactId: ids[i % ids.length] }));
    const answers = await Promise.all(calls);
    answers.forEach((answer, i) => assert.equal(answer.Contact.Name, names[i % names.length]));
  });
});
