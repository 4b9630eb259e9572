/**
 * A client cannot hold the server's connections: a request whose headers or body stall is answered 408 and
 * closed, an idle keep-alive connection is closed, and connections beyond the limit are refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTestServer, type TestServer } from '../../support/server.js';

interface Outcome {
  /** Everything the server wrote before it closed the connection. */
  text: string;
  /** Milliseconds from connecting to the close. */
  closedAfterMs: number;
}

/** Connects, writes `sent`, then waits (at most `waitMs`) for the server to close the connection. */
function stall(url: string, sent: string, waitMs: number): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(sent));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${waitMs} ms; it wrote: ${JSON.stringify(text)}`));
    }, waitMs);
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
  });
}

describe('connection limits', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ RDC_REQUEST_TIMEOUT: '2', RDC_HEADERS_TIMEOUT: '1', RDC_KEEP_ALIVE_TIMEOUT: '1', RDC_MAX_CONNECTIONS: '20' });
  });
  after(async () => {
    await server.stop();
  });

  it('headers sent, then a body that never comes: 408 with the JSON error, closed within the request timeout', async () => {
    const { text, closedAfterMs } = await stall(server.url, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=', 6000);
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.match(text, /"Code":"InvalidRequest\.Timeout"/);
    assert.ok(closedAfterMs < 4000, `closed after ${closedAfterMs} ms`);
  });

  it('headers that never end: 408, closed within the headers timeout', async () => {
    const { text, closedAfterMs } = await stall(server.url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 6000);
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.ok(closedAfterMs < 3500, `closed after ${closedAfterMs} ms`);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const { text, closedAfterMs } = await stall(server.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 6000);
    assert.match(text, /^HTTP\/1\.1 200 /);
    assert.ok(closedAfterMs < 3500, `closed after ${closedAfterMs} ms`);
  });

  it('connections beyond the limit are refused; the server serves again once they close', async () => {
    const { hostname, port } = new URL(server.url);
    const held = await Promise.all(
      Array.from({ length: 20 }, () => new Promise<net.Socket>((resolve) => {
        const socket = net.connect({ host: hostname, port: Number(port) }, () => resolve(socket));
        socket.on('error', () => undefined);
      })),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const extra = await stall(server.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 3000);
      assert.equal(extra.text, '', 'the 21st connection is closed without an answer');
    } finally {
      for (const socket of held) socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await fetch(server.url + '/healthz');
    assert.equal(again.status, 200);
  });
});
