import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Store } from './store/store.js';
import { Authenticator } from './auth/authenticate.js';
import { Authorizer } from './auth/authorize.js';
import { treePaths } from './auth/resources.js';
import type { KeyRing } from './auth/keys.js';
import { ApiError } from './errors/api-error.js';
import { DEFAULT_HOST_ID, errorBody, newRequestId, successBody } from './protocol/render.js';
import { readApiRequest } from './protocol/request.js';
import { asStoreError } from './protocol/store-errors.js';
import { operations } from './operations/registry.js';
import { parseParams } from './operations/validate.js';
import { createServices, type Services } from './services.js';
import { registerVerificationPages } from './web/verification-pages.js';
import { registerOutbox } from './web/outbox-route.js';

export const API_VERSION = '2022-04-19';
const JSON_TYPE = 'application/json;charset=utf-8';

export interface AppDeps {
  config: Config;
  store: Store;
  keys: KeyRing;
  log: Logger;
}

export interface App {
  fastify: FastifyInstance;
  services: Services;
}

/** Builds the HTTP app: the RPC endpoint on `/`, health and readiness, verification pages and the outbox. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, store, log } = deps;
  const services = createServices(config, store, log, () => ownUrl(config, fastify));
  const authenticator = new Authenticator({ keys: deps.keys, nonces: store.nonces, windowMs: config.timestampWindow * 1000 });
  const authorizer = new Authorizer(treePaths(store));

  const fastify = Fastify({
    logger: false,
    bodyLimit: config.bodyLimit,
    forceCloseConnections: 'idle',
    // Node would answer an HTTP/1.1 request without Host by itself (a bare 400); let it reach the routes,
    // which answer with the JSON error body like any other bad request.
    http: { requireHostHeader: false },
    return503OnClosing: false,
    // Fastify's request id is the RequestId of the answer, its x-acs-request-id header and its log line.
    genReqId: () => newRequestId(),
    // A malformed request line or header never reaches a route: still answer with the JSON error body.
    clientErrorHandler(err, socket) {
      if (!socket.writable) return socket.destroy(err);
      const requestId = newRequestId();
      const error = new ApiError('InvalidRequest.Malformed');
      const body = JSON.stringify(errorBody(error, requestId, DEFAULT_HOST_ID));
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
      );
      if (config.accessLog) log.info({ RequestId: requestId, Status: error.status, Code: error.code, ms: 0 });
    },
    // A path Fastify cannot decode (`/%zz`) is refused before routing, with our JSON error rather than Fastify's.
    frameworkErrors(err, req, reply) {
      sendError(reply, new ApiError('InvalidRequest.Malformed', { message: `The request could not be parsed: ${err.message}` }));
      accessLog(log, config, req, reply);
    },
  });

  fastify.addHook('onRequest', async (req, reply) => {
    reply.header('x-acs-request-id', req.id);
  });
  fastify.addHook('onResponse', async (req, reply) => accessLog(log, config, req, reply));

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

  registerVerificationPages(fastify, services.verification);
  if (config.outbox && !(services.delivery.delivers('email') && services.delivery.delivers('sms'))) registerOutbox(fastify, store);

  fastify.route({
    method: ['GET', 'POST'],
    url: '/',
    handler: async (req, reply) => {
      const requestId = req.id;
      try {
        const apiRequest = readApiRequest({
          requestId,
          method: req.method,
          url: req.raw.url ?? '/',
          headers: req.headers,
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          sourceIp: req.ip,
          secureTransport: req.protocol === 'https',
        });
        const caller = await authenticator.authenticate(apiRequest);
        noteAccess(req, { action: caller.action, accessKeyId: caller.key.id });
        const op = operations.get(caller.action);
        if (!op) throw new ApiError('InvalidAction.NotFound');
        if (caller.version !== API_VERSION) log.warn({ RequestId: requestId, Action: caller.action, Version: caller.version }, 'unknown API version; served as ' + API_VERSION);
        // Order: signature, action, parameters (a malformed ID is a 400 for anyone), RAM (the ARN needs the
        // parameters; 403), then the operation (404 for a missing or another tenant's ID).
        const params = parseParams(op, apiRequest.params, { config });
        await authorizer.authorize({ requestId, action: op.action, key: caller.key, params, sourceIp: apiRequest.sourceIp, secureTransport: apiRequest.secureTransport });
        const body = await op.handle(params as never, { requestId, caller, services, log });
        return reply.code(200).header('content-type', JSON_TYPE).send(successBody(requestId, body));
      } catch (err) {
        return sendError(reply, toApiError(err, log, requestId));
      }
    },
  });

  fastify.setNotFoundHandler((req, reply) => {
    const err = req.url === '/' || req.url.startsWith('/?') ? new ApiError('InvalidRequest.MethodNotAllowed') : new ApiError('InvalidAction.NotFound');
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

  return { fastify, services };
}

function toApiError(err: unknown, log: Logger, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  const storeError = asStoreError(err);
  if (storeError) {
    log.warn({ RequestId: requestId, err: (err as Error).message, code: (err as { code?: string }).code }, storeError.code === 'ServiceUnavailable' ? 'store unavailable' : 'lost a race in the store');
    return storeError;
  }
  log.error({ RequestId: requestId, err }, 'internal error');
  return new ApiError('InternalError');
}

function sendJson(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
}

function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  const req = reply.request;
  noteAccess(req, { code: err.code });
  // Set here too: an answer made before routing (frameworkErrors) skips the onRequest hook.
  reply.header('x-acs-request-id', req.id);
  if (err.headers) reply.headers(err.headers);
  return sendJson(reply, err.status, errorBody(err, req.id, hostId(req)));
}

/** http://host:port of this server once it listens. */
function ownUrl(config: Config, fastify: FastifyInstance): string {
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}

function hostId(req: FastifyRequest): string {
  return req.headers.host?.split(':')[0] || DEFAULT_HOST_ID;
}

/** What the access log line says about a request beyond its status: filled in while it is served. */
interface AccessNote {
  action?: string;
  accessKeyId?: string;
  code?: string;
}

const accessNotes = new WeakMap<object, AccessNote>();

function noteAccess(req: FastifyRequest, note: AccessNote): void {
  accessNotes.set(req.raw, { ...accessNotes.get(req.raw), ...note });
}

/** One JSON line per answered request. The secret never reaches it: only the AccessKey ID that signed. */
function accessLog(log: Logger, config: Config, req: FastifyRequest, reply: FastifyReply): void {
  if (!config.accessLog) return;
  const note = accessNotes.get(req.raw) ?? {};
  log.info({
    RequestId: req.id,
    Method: req.method,
    Path: req.url.split('?')[0],
    ClientIp: req.ip,
    Action: note.action,
    AccessKeyId: note.accessKeyId,
    Status: reply.statusCode,
    Code: note.code,
    ms: Math.round(reply.elapsedTime * 100) / 100,
  });
}
