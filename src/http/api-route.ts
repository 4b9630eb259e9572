import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { IpRanges } from '../auth/ip-ranges.js';
import { ApiError } from '../errors/api-error.js';
import type { ServerMetrics } from '../metrics/registry.js';
import type { AnswerRecorder } from '../protocol/answer-record.js';
import type { ApiHandler } from '../protocol/pipeline.js';
import { toApiError } from '../protocol/failure.js';
import { errorResponse, hostIdOf, newRequestId, type ApiResponse } from '../protocol/render.js';
import { clientOf, logAccess, recordAccess } from './access-log.js';
import type { Admission } from './admission.js';
import { endOfTurnSender } from './end-of-turn.js';

export interface ApiRouteDeps {
  config: Pick<Config, 'bodyLimit' | 'accessLog'>;
  log: Logger;
  trusted: IpRanges | undefined;
  recordAnswer: AnswerRecorder | undefined;
  admission: Admission;
  metrics: Pick<ServerMetrics, 'callShed'>;
  handleApiRequest: ApiHandler;
}

/**
 * The signed API's requests: `/` or `/?…`, with GET or POST. Every other request goes to Fastify's routes,
 * HEAD and the other methods on `/` included, which answer 405: a signed HEAD must not run an operation (a
 * HEAD DeleteMessageContact would delete).
 */
export function isApiRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return (req.method === 'POST' || req.method === 'GET') && (url === '/' || url.startsWith('/?'));
}

/** The answer to a call the node has no turn for (admission.ts): clients retry a 503, here or on another node. */
const BUSY = new ApiError('ServiceUnavailable', { message: 'The server is busy with other calls; please try again shortly.', headers: { 'retry-after': '1' } });

/**
 * The API's route, on node:http itself rather than through Fastify: the body read as bytes up to
 * RDC_BODY_LIMIT, a turn from admission control, the pipeline's answer written as it is (its bytes sent at
 * the end of the turn: end-of-turn.ts), the access log line and the answer record. Under load Fastify's
 * request and reply objects, its hooks' promises and its body parser cost a GetMessageContact ~15 µs of its
 * ~140 (docs/performance.md, fourth round), for nothing this route needs: it has one path, no schema, and the
 * pipeline renders every answer itself. What Fastify did for it is done here the same way: a declared or
 * streamed body over the limit is answered 413 InvalidRequest.BodyTooLarge (and the connection closed: the
 * rest of the body is not read), the request ID is the answer's `x-acs-request-id`, and the server's
 * timeouts, connection limit and clientError answer stay the server's (server.ts).
 */
export function apiRoute(deps: ApiRouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, log, trusted, recordAnswer } = deps;
  const send = endOfTurnSender((err) => log.error({ err }, 'an answer could not be sent'));

  function write(req: IncomingMessage, res: ServerResponse, started: number, requestId: string, response: ApiResponse, close = false): void {
    const headers: Record<string, string | number> = { ...response.headers, 'content-length': Buffer.byteLength(response.body) };
    if (close) headers.connection = 'close';
    res.writeHead(response.status, headers);
    send(res, response.body);
    logAccess(log, config, trusted, { requestId, req, status: response.status, note: response.access, ms: performance.now() - started });
    recordAccess(recordAnswer, response.status, response.access);
  }

  async function answer(req: IncomingMessage, res: ServerResponse, started: number, requestId: string, rawBody: Buffer): Promise<void> {
    const turn = await deps.admission.admit(() => req.socket.destroyed);
    if (!turn.admitted) {
      deps.metrics.callShed(turn.reason);
      return write(req, res, started, requestId, errorResponse(BUSY, requestId, hostIdOf(req.headers)));
    }
    let response: ApiResponse;
    try {
      const client = clientOf(req, trusted);
      response = await deps.handleApiRequest({ requestId, method: req.method!, url: req.url ?? '/', headers: req.headers, rawBody, sourceIp: client.ip, secureTransport: client.secure });
    } finally {
      turn.release();
    }
    write(req, res, started, requestId, response);
  }

  return (req, res) => {
    const started = performance.now();
    const requestId = newRequestId();
    readBody(req, config.bodyLimit, (body) => {
      if (body === undefined) return; // the client went away before its body arrived: nobody to answer
      if (body === TOO_LARGE) return write(req, res, started, requestId, errorResponse(new ApiError('InvalidRequest.BodyTooLarge'), requestId, hostIdOf(req.headers)), true);
      // handleApiRequest never throws; anything else failing here is a bug (a 500, logged), never a request left unanswered.
      answer(req, res, started, requestId, body).catch((err: unknown) => {
        if (!res.headersSent) write(req, res, started, requestId, errorResponse(toApiError(err, log, requestId), requestId, hostIdOf(req.headers)), true);
      });
    });
  };
}

const TOO_LARGE = Symbol('too large');

/** Reads the body's bytes, or stops at `limit`: by its declared length before reading it, else as it streams. */
function readBody(req: IncomingMessage, limit: number, done: (body: Buffer | typeof TOO_LARGE | undefined) => void): void {
  let finished = false;
  const finish = (body: Buffer | typeof TOO_LARGE | undefined) => {
    if (finished) return;
    finished = true;
    done(body);
  };
  if (Number(req.headers['content-length']) > limit) return finish(TOO_LARGE);
  const chunks: Buffer[] = [];
  let length = 0;
  req.on('data', (chunk: Buffer) => {
    length += chunk.length;
    if (length > limit) finish(TOO_LARGE);
    else if (!finished) chunks.push(chunk);
  });
  req.on('end', () => finish(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
  req.on('error', () => finish(undefined));
}
