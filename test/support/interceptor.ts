/**
 * A tiny HTTP proxy between an official client and rdcontacts, for the gateway errors a client cannot be
 * made to cause by configuration: it replays each request (the second copy reuses the signed nonce) or holds
 * it back (so its signed time goes stale). Requests are forwarded byte for byte, Host header included (V3
 * signs it) and the body framing kept; the recorded requests let a test see what the client really sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InterceptedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Interceptor {
  /** `http://127.0.0.1:port`, to give the client as its endpoint. */
  url: string;
  requests: InterceptedRequest[];
  close(): Promise<void>;
}

export type InterceptMode = { replay: true } | { delayMs: number } | { record: true };

export async function startInterceptor(target: string, mode: InterceptMode): Promise<Interceptor> {
  const requests: InterceptedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const seen: InterceptedRequest = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(seen);
      if ('delayMs' in mode) await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
      if ('replay' in mode) await forward(target, seen);
      const answer = await forward(target, seen);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch (err) {
      res.destroy(err as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(target: string, req: InterceptedRequest): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(target);
  // Same headers, same framing: a chunked body is sent on chunked, a Content-Length one with its length.
  const headers = { ...req.headers };
  delete headers.connection;
  return new Promise((resolve, reject) => {
    const out = http.request({ host: hostname, port, method: req.method, path: req.url, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}
