import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Authenticator, Caller } from '../auth/authenticate.js';
import type { AccessKey } from '../auth/keys.js';
import { permits, type Authorizer } from '../auth/authorize.js';
import type { RoleSessions } from '../auth/role-sessions.js';
import { ApiError } from '../errors/api-error.js';
import { ramActionOf, type Operation, type OperationContext } from '../operations/operation.js';
import { DEFAULT_API, DEFAULT_VERSION, type OperationRegistry } from '../operations/registry.js';
import { carriedParams, parseParams } from '../operations/validate.js';
import type { Services } from '../services.js';
import { UNKNOWN, type ApiMetrics } from '../metrics/metrics.js';
import { auditEventOf } from './audit-event.js';
import { toApiError } from './failure.js';
import { clip, errorResponse, hostIdOf, successResponse, type AccessNote, type ApiResponse } from './render.js';
import type { ParamMap } from './params.js';
import { readApiRequest, type ApiRequest, type ReceivedRequest } from './request.js';

export interface PipelineDeps {
  config: Config;
  log: Logger;
  authenticator: Authenticator;
  authorizer: Authorizer;
  sessions: RoleSessions;
  registry: OperationRegistry;
  services: Services;
  metrics: ApiMetrics;
}

/** Answers one API request: what arrived on the wire in, the answer to write out. Never throws. */
export type ApiHandler = (received: ReceivedRequest) => Promise<ApiResponse>;

/**
 * The request pipeline, free of HTTP: read → authenticate → route → parse parameters → authorise → invoke →
 * render. The order is the contract: the signature first (401/403 before anything is revealed), then the
 * action, the parameters (a malformed ID is a 400 for anyone), RAM (the ARNs need the parameters; 403), and
 * last the operation (404 for a missing or another tenant's directory or ID). Whatever it answers, the call
 * then goes to the caller's audit trail (docs/decisions.md#audit-which).
 */
export function createApiPipeline(deps: PipelineDeps): ApiHandler {
  return async function handleApiRequest(received) {
    const at = Date.now();
    const answered = deps.metrics.requestStarted();
    const access: AccessNote = {};
    let request: ApiRequest | undefined;
    let caller: Caller | undefined;
    let served: Operation | undefined;
    let response: ApiResponse;
    let failure: ApiError | undefined;
    try {
      request = readApiRequest(received);
      caller = await authenticate(deps, request);
      access.action = caller.action;
      access.accessKeyId = caller.key.id;
      access.version = caller.version;
      const operation = route(deps, caller, request.requestId);
      served = operation;
      if (deps.config.answerRecord) access.params = carriedParams(operation, request.params);
      const body = await parseAuthoriseInvoke(deps, operation, caller, request.params, request);
      response = successResponse(request.requestId, body, access);
    } catch (err) {
      failure = toApiError(err, deps.log, received.requestId);
      response = errorResponse(failure, received.requestId, hostIdOf(received.headers), access);
    }
    if (request) audit(deps, { received, request, caller, failure, at });
    answered({ action: served?.action ?? UNKNOWN, version: served?.version ?? UNKNOWN, status: response.status });
    return response;
  };
}

/** The signature check; a refusal is counted by its code. */
async function authenticate(deps: PipelineDeps, request: ApiRequest): Promise<Caller> {
  try {
    return await deps.authenticator.authenticate(request);
  } catch (err) {
    if (err instanceof ApiError) deps.metrics.signatureFailed(err.code);
    throw err;
  }
}

/** One call of an already-authenticated key (a console session's): the action and its parameters as the API takes them. */
export interface SignedInCall {
  requestId: string;
  key: AccessKey;
  action: string;
  /** The API version the action is declared under; default the Resource Directory API (DEFAULT_VERSION). */
  version?: string;
  params: ParamMap;
  sourceIp: string;
  secureTransport: boolean;
  /** The console request's headers (host, user agent), for the audit event. */
  headers: IncomingHttpHeaders;
}

/** Runs a signed-in call; resolves to the operation's answer body, or throws the ApiError the API would answer. */
export type OperationInvoker = (call: SignedInCall) => Promise<Record<string, unknown>>;

/**
 * The same pipeline for a caller whose key was checked once already (the console signs in with the secret and
 * keeps a session): route → parse → authorise → invoke, the very steps of an API request, so the console has the
 * parameter tables, validation, error codes, tenancy and RAM decisions of the API and no way around them.
 */
export function createOperationInvoker(deps: PipelineDeps): OperationInvoker {
  return async function invokeAs(call) {
    const at = Date.now();
    const caller: Caller = { key: call.key, action: call.action, version: call.version ?? DEFAULT_VERSION, signatureVersion: 'Session' };
    // A console call is a call like any other in its tenant's audit trail.
    const { requestId, headers, sourceIp, secureTransport, params } = call;
    const received: ReceivedRequest = { requestId, method: 'POST', url: '/console', headers, rawBody: Buffer.alloc(0), sourceIp, secureTransport };
    const request: ApiRequest = { ...received, query: params, params };
    try {
      const operation = route(deps, caller, call.requestId);
      const body = await parseAuthoriseInvoke(deps, operation, caller, call.params, call);
      audit(deps, { received, request, caller, failure: undefined, at });
      return body;
    } catch (err) {
      const failure = toApiError(err, deps.log, call.requestId);
      audit(deps, { received, request, caller, failure, at });
      throw failure;
    }
  };
}

async function parseAuthoriseInvoke(
  deps: PipelineDeps,
  operation: Operation,
  caller: Caller,
  raw: ParamMap,
  request: { requestId: string; sourceIp: string; secureTransport: boolean },
): Promise<Record<string, unknown>> {
  const params = parseParams(operation, raw, { config: deps.config });
  if (operation.ramExempt === undefined) await authorise(deps, operation, caller, params, request);
  return invoke(deps, operation, caller, params, request);
}

/**
 * Adds the call to the caller's audit trail: every call signed by a key this server knows, whatever it
 * answered, also one refused before its signature was checked (then the key is the one the request names).
 * A request naming no known key belongs to no tenant's trail: the access log has it. Buffered, never written
 * on the request's path (domain/audit-trail.ts).
 */
function audit(deps: PipelineDeps, call: { received: ReceivedRequest; request: ApiRequest; caller: Caller | undefined; failure: ApiError | undefined; at: number }): void {
  const who = call.caller ?? deps.authenticator.claimOf(call.request);
  if (!who) return;
  const found = who.action === undefined ? undefined : deps.registry.route(who.version ?? '', who.action);
  const event = auditEventOf({
    received: call.received,
    params: call.request.params,
    key: who.key,
    action: who.action,
    version: who.version,
    serviceName: (found?.operation ?? DEFAULT_API).product,
    error: call.failure,
    at: call.at,
  });
  deps.services.audit.record(event, call.at);
}

/** The operation of the caller's (Version, Action); a version no operation declares is served as the default. */
function route(deps: PipelineDeps, caller: Caller, requestId: string): Operation {
  const found = deps.registry.route(caller.version, caller.action);
  if (!found) throw new ApiError('InvalidAction.NotFound');
  if (found.unknownVersion) deps.log.warn({ RequestId: requestId, Action: clip(caller.action), Version: clip(caller.version) }, 'unknown API version; served as ' + DEFAULT_VERSION);
  return found.operation;
}

/** RAM: the operation's declared resources, built from the parameters, against the caller's policies. */
async function authorise(deps: PipelineDeps, operation: Operation, caller: Caller, params: Record<string, unknown>, request: { requestId: string; sourceIp: string; secureTransport: boolean }): Promise<void> {
  try {
    await deps.authorizer.authorize({
      requestId: request.requestId,
      action: ramActionOf(operation),
      key: caller.key,
      resources: operation.resources,
      params,
      sourceIp: request.sourceIp,
      secureTransport: request.secureTransport,
    });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NoPermission') deps.metrics.ramDenied(operation.action);
    throw err;
  }
}

/** Runs the operation in its scope: a `directory` operation gets the caller tenant's directory, resolved once. */
async function invoke(deps: PipelineDeps, operation: Operation, caller: Caller, params: Record<string, unknown>, request: { requestId: string; sourceIp: string; secureTransport: boolean }): Promise<Record<string, unknown>> {
  const tenant = caller.key.principal.accountId;
  const { requestId, sourceIp, secureTransport } = request;
  const action = ramActionOf(operation);
  const ctx: OperationContext = {
    requestId,
    caller,
    tenant,
    sourceIp,
    secureTransport,
    services: deps.services,
    sessions: deps.sessions,
    log: deps.log,
    permits: (resource) => permits(caller.key, action, resource, sourceIp, secureTransport),
  };
  if (operation.scope === 'tenant') return operation.handle(params as never, ctx);
  return operation.handle(params as never, { ...ctx, directory: await deps.services.directory.require(tenant) });
}
