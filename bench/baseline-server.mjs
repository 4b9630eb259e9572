/**
 * The baseline: a bare node:http server answering every request with a JSON body of a given size, as fast
 * as Node.js itself can. Plain JavaScript, run by node without a loader, as its own process pinned to the
 * server's core; prints its port on stdout.
 *
 * argv[2]: body size in bytes.
 * argv[3]: µs of CPU work per request (default 0), spent busy-waiting before answering: the floor scenario
 * (bench/scenarios/floor.ts) uses it to stand in for a server doing that much more than node:http.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const size = Number(process.argv[2] ?? 200);
const workMs = Number(process.argv[3] ?? 0) / 1000;
const head = '{"RequestId":"","Padding":"';
const padding = 'x'.repeat(Math.max(0, size - head.length - 2 - 36));

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const until = performance.now() + workMs;
    while (performance.now() < until);
    const requestId = randomUUID().toUpperCase();
    const body = `{"RequestId":"${requestId}","Padding":"${padding}"}`;
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-acs-request-id': requestId });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
