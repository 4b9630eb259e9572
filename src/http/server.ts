import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import type { Server as HttpsServer } from 'node:https';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { ApiError } from '../errors/api-error.js';
import { answerRecorder } from '../protocol/answer-record.js';
import { toApiError } from '../protocol/failure.js';
import { trustedProxies } from '../protocol/client-address.js';
import type { ApiHandler } from '../protocol/pipeline.js';
import { DEFAULT_HOST_ID, JSON_TYPE, errorResponse, hostIdOf, newRequestId, type AccessNote, type ApiResponse } from '../protocol/render.js';
import type { Services } from '../services.js';
import { registerVerificationPages } from '../web/verification-pages.js';
import { registerOutbox } from '../web/outbox-route.js';
import { registerConsole } from '../web/console/routes.js';
import type { KeyRing } from '../auth/keys.js';
import type { OperationInvoker } from '../protocol/pipeline.js';
import { outboxExposure } from '../web/outbox-exposure.js';
import { hostCheck } from '../web/host-check.js';
import { readTlsFiles } from './tls.js';
import { registerAlertmanager } from '../web/alertmanager-route.js';
import type { ServerMetrics } from '../metrics/registry.js';
import { registerMetrics } from './metrics.js';
import { Admission } from './admission.js';
import { apiRoute, isApiRequest } from './api-route.js';
import { logAccess, recordAccess } from './access-log.js';
import type { TlsFiles } from './tls.js';

export interface HttpServerDeps {
  config: Config;
  log: Logger;
  /** For the readiness probe and the outbox page. */
  store: Store;
  /** For the verification pages and whether the outbox page is served. */
  services: Services;
  handleApiRequest: ApiHandler;
  /** The console's way into the operations, as a signed-in key. */
  invokeAs: OperationInvoker;
  /** The keys console sign-in checks. */
  keys: KeyRing;
  /** The base URL of the verification links (RDC_PUBLIC_URL, else the server's own): the pages answer for its host. */
  linkBase: () => string;
  /** Served at GET /metrics here unless RDC_METRICS_PORT gives them a listener of their own. */
  metrics: ServerMetrics;
}

/** The HTTP side of rdcontacts, free of Fastify for its owner. */
export interface HttpServer {
  /** `https` with RDC_TLS_CERT_FILE / RDC_TLS_KEY_FILE, else `http`. */
  readonly protocol: 'http' | 'https';
  /** Listens; resolves to the bound port. */
  listen(host: string, port: number): Promise<number>;
  /**
   * HTTPS: re-reads the certificate and key and serves new connections with them; open connections keep
   * theirs. Throws a ConfigError (and keeps the running certificate) when the files do not load.
   */
  reloadTls(): void;
  /** Stops accepting and waits for in-flight requests. */
  close(): Promise<void>;
}

/**
 * The HTTP server: the API on `/` (api-route.ts: each request handed to the pipeline as it arrived, on
 * node:http itself), and through Fastify health and readiness, the metrics (unless on a port of their own),
 * the verification pages and the outbox, the console, the Alertmanager receiver; the access log for all.
 */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const { config, store, log, services } = deps;
  const tls = readTlsFiles(config);
  const trusted = trustedProxies(config.trustedProxies ?? []);
  const recordAnswer = answerRecorder(config.answerRecord);
  const nodeOptions = {
    // Node would answer an HTTP/1.1 request without Host by itself (a bare 400); let it reach the routes,
    // which answer with the JSON error body like any other bad request.
    requireHostHeader: false,
    headersTimeout: Math.min(config.headersTimeout, config.requestTimeout) * 1000,
    // How often Node looks for requests past their timeouts (its default, 30 s, would make them late).
    connectionsCheckingInterval: 500,
  };

  const admission = new Admission({ inProgress: config.maxCallsInProgress, queued: config.maxCallsQueued, waitMs: config.callQueueWaitMs });
  deps.metrics.watchAdmission(admission);
  const api = apiRoute({ config, log, trusted, recordAnswer, admission, metrics: deps.metrics, handleApiRequest: deps.handleApiRequest });

  const fastify = Fastify({
    logger: false,
    bodyLimit: config.bodyLimit,
    forceCloseConnections: 'idle',
    // The server is ours (the API's requests never reach Fastify); Fastify serves the rest of what it receives.
    serverFactory: (fastifyHandler) =>
      nodeServer(tls, nodeOptions, (req, res) => (isApiRequest(req) ? api(req, res) : fastifyHandler(req, res)), {
        // A client that stalls its headers or body, or idles, must not hold a connection (and its descriptor).
        requestTimeout: config.requestTimeout * 1000,
        keepAliveTimeout: config.keepAliveTimeout * 1000,
      }),
    return503OnClosing: false,
    // No route declares a schema (the operation tables validate parameters), so Fastify's compilers (ajv and
    // fast-json-stringify, megabytes of idle memory) are never loaded; a route given a schema fails at start.
    schemaController: { compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler } },
    // Fastify's request id is the RequestId of the answer, its x-acs-request-id header and its log line.
    genReqId: () => newRequestId(),
    // A malformed request line or header never reaches a route: still answer with the JSON error body.
    clientErrorHandler(err, socket) {
      if (!socket.writable) return socket.destroy(err);
      const timedOut = (err as { code?: string }).code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const answer = errorResponse(new ApiError(timedOut ? 'InvalidRequest.Timeout' : 'InvalidRequest.Malformed'), newRequestId(), DEFAULT_HOST_ID);
      const requestId = answer.headers['x-acs-request-id'];
      socket.end(
        `HTTP/1.1 ${timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(answer.body)}\r\nx-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${answer.body}`,
      );
      if (config.accessLog) log.info({ RequestId: requestId, ClientIp: socket.remoteAddress, Status: answer.status, Code: answer.access.code, ms: 0 });
      recordAccess(recordAnswer, answer.status, answer.access);
    },
    // A path Fastify cannot decode (`/%zz`) is refused before routing, with our JSON error rather than Fastify's.
    frameworkErrors(err, req, reply) {
      sendError(reply, new ApiError('InvalidRequest.Malformed', { message: `The request could not be parsed: ${err.message}` }));
      accessLog(req, reply);
    },
  });

  fastify.server.maxConnections = config.maxConnections;

  fastify.addHook('onRequest', async (req, reply) => {
    reply.header('x-acs-request-id', req.id);
  });
  const accessLog = (req: FastifyRequest, reply: FastifyReply) => {
    const note = accessNotes.get(req.raw);
    logAccess(log, config, trusted, { requestId: req.id, req: req.raw, status: reply.statusCode, note: note ?? {}, ms: reply.elapsedTime });
    recordAccess(recordAnswer, reply.statusCode, note);
  };
  fastify.addHook('onResponse', async (req, reply) => accessLog(req, reply));

  // Every body is kept as raw bytes: V3 hashes exactly what was received; form bodies are decoded from them.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  fastify.get('/healthz', async (req, reply) => sendJson(reply, 200, { RequestId: req.id, Status: 'ok' }));
  fastify.get('/readyz', async (req, reply) => {
    try {
      await store.ping();
      return sendJson(reply, 200, { RequestId: req.id, Status: 'ready' });
    } catch (err) {
      log.warn({ RequestId: req.id, err: (err as Error).message }, 'store is not answering');
      return sendJson(reply, 503, { RequestId: req.id, Status: 'unavailable' });
    }
  });

  if (config.metricsPort === undefined) registerMetrics(fastify, deps.metrics, log);

  // The pages outside the signed API answer only for the names they are linked under (no DNS rebinding).
  const outbox = outboxExposure(config, (channel) => services.delivery.delivers(channel));
  if (outbox.warning) log.warn(outbox.warning);
  void fastify.register(async (pages) => {
    pages.addHook('onRequest', hostCheck(deps.linkBase));
    registerVerificationPages(pages, services.verification);
    if (outbox.served) registerOutbox(pages, store, outbox.channels);
  });
  if (config.console) {
    registerConsole(fastify, {
      keys: deps.keys,
      invoke: deps.invokeAs,
      store,
      outboxOn: outbox.served,
      sessionTtlMs: config.consoleSessionTtl * 1000,
      signInLimit: config.consoleSignInLimit,
    });
  }
  registerAlertmanager(fastify, services.alerts, log);

  fastify.setNotFoundHandler((req, reply) => {
    const err = req.url === '/' || req.url.startsWith('/?') ? new ApiError('InvalidRequest.MethodNotAllowed', { headers: { allow: 'GET, POST' } }) : new ApiError('InvalidAction.NotFound');
    return sendError(reply, err);
  });

  // Errors raised before the handler (body too large, unreadable body).
  fastify.setErrorHandler((err, req, reply) => {
    const code = (err as { code?: string }).code;
    const apiError =
      code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new ApiError('InvalidRequest.BodyTooLarge')
        : (err as { statusCode?: number }).statusCode !== undefined && (err as { statusCode: number }).statusCode < 500
          ? new ApiError('InvalidRequest.Malformed', { message: `The request could not be parsed: ${(err as Error).message}` })
          : toApiError(err, log, req.id);
    return sendError(reply, apiError);
  });

  return {
    protocol: tls ? 'https' : 'http',
    reloadTls() {
      if (!tls) return;
      const next = readTlsFiles(config)!;
      (fastify.server as unknown as HttpsServer).setSecureContext(next);
    },
    async listen(host, port) {
      await fastify.listen({ host, port });
      const address = fastify.server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    close: () => fastify.close(),
  };
}

/** Writes an answer of the pipeline. */
function send(reply: FastifyReply, response: ApiResponse): FastifyReply {
  noteAccess(reply.request, response.access);
  return reply.code(response.status).headers(response.headers).send(response.body);
}

function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  return send(reply, errorResponse(err, reply.request.id, hostIdOf(reply.request.headers)));
}

function sendJson(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
}

const accessNotes = new WeakMap<object, AccessNote>();

function noteAccess(req: FastifyRequest, note: AccessNote): void {
  accessNotes.set(req.raw, { ...accessNotes.get(req.raw), ...note });
}

function noSchemaCompiler(): never {
  throw new Error('routes declare no schemas: parameters are validated by the operation tables');
}

/**
 * The server Fastify serves on, made here as Fastify would make it (HTTPS with TLS files, else HTTP, with the
 * same timeouts), so that the API's requests can be routed before Fastify sees them.
 */
function nodeServer(tls: TlsFiles | undefined, options: object, listener: RequestListener, timeouts: { requestTimeout: number; keepAliveTimeout: number }) {
  // node:https (and node:tls) only for a server that serves HTTPS: loading them costs idle memory (tls.ts).
  const server = tls ? (createRequire(import.meta.url)('node:https') as typeof import('node:https')).createServer({ ...tls, ...options }, listener) : createServer(options, listener);
  server.requestTimeout = timeouts.requestTimeout;
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  return server;
}
