import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics/registry.js';

/** What a scrape answers: the text exposition, or 503 when a gauge could not read the store. */
async function scrape(metrics: ServerMetrics, log: Logger): Promise<{ status: number; contentType: string; body: string }> {
  try {
    return { status: 200, ...(await metrics.exposition()) };
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'metrics not served: a gauge could not read the store');
    return { status: 503, contentType: 'text/plain; charset=utf-8', body: 'metrics unavailable: the store is not answering\n' };
  }
}

/** GET /metrics on the main port (RDC_METRICS_PORT unset): unauthenticated, like /healthz. */
export function registerMetrics(fastify: FastifyInstance, metrics: ServerMetrics, log: Logger): void {
  fastify.get('/metrics', async (_req, reply) => {
    const answer = await scrape(metrics, log);
    return reply.code(answer.status).header('content-type', answer.contentType).header('cache-control', 'no-store').send(answer.body);
  });
}

/** The listener of RDC_METRICS_PORT: GET /metrics and nothing else, plain HTTP, unauthenticated. */
export interface MetricsListener {
  /** Listens on `host`; resolves to the bound port. */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A second, small HTTP server for Prometheus alone, so the metrics can be kept off the API's port (a
 * firewall rule per port). Plain node:http: one route needs no framework; it has the API's timeouts.
 */
export function createMetricsListener(metrics: ServerMetrics, log: Logger, timeouts: { requestMs: number; keepAliveMs: number }): MetricsListener {
  const server: Server = createServer({ requestTimeout: timeouts.requestMs, headersTimeout: timeouts.requestMs, keepAliveTimeout: timeouts.keepAliveMs }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: this port serves GET /metrics only.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }).end('Method not allowed: GET /metrics.\n');
      return;
    }
    void scrape(metrics, log).then((answer) => {
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  });
  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // A scrape is short: keep-alive connections need not be waited for.
        server.closeIdleConnections();
      }),
  };
}
