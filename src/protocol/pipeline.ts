import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Authenticator, Caller } from '../auth/authenticate.js';
import type { Authorizer } from '../auth/authorize.js';
import type { RoleSessions } from '../auth/role-sessions.js';
import { ApiError } from '../errors/api-error.js';
import type { Operation, OperationContext } from '../operations/operation.js';
import { DEFAULT_VERSION, type OperationRegistry } from '../operations/registry.js';
import { carriedParams, parseParams } from '../operations/validate.js';
import type { Services } from '../services.js';
import { toApiError } from './failure.js';
import { clip, errorResponse, hostIdOf, successResponse, type AccessNote, type ApiResponse } from './render.js';
import { readApiRequest, type ApiRequest, type ReceivedRequest } from './request.js';

export interface PipelineDeps {
  config: Config;
  log: Logger;
  authenticator: Authenticator;
  authorizer: Authorizer;
  sessions: RoleSessions;
  registry: OperationRegistry;
  services: Services;
}

/** Answers one API request: what arrived on the wire in, the answer to write out. Never throws. */
export type ApiHandler = (received: ReceivedRequest) => Promise<ApiResponse>;

/**
 * The request pipeline, free of HTTP: read → authenticate → route → parse parameters → authorise → invoke →
 * render. The order is the contract: the signature first (401/403 before anything is revealed), then the
 * action, the parameters (a malformed ID is a 400 for anyone), RAM (the ARNs need the parameters; 403), and
 * last the operation (404 for a missing or another tenant's directory or ID).
 */
export function createApiPipeline(deps: PipelineDeps): ApiHandler {
  return async function handleApiRequest(received) {
    const access: AccessNote = {};
    try {
      const request = readApiRequest(received);
      const caller = await deps.authenticator.authenticate(request);
      access.action = caller.action;
      access.accessKeyId = caller.key.id;
      access.version = caller.version;
      const operation = route(deps, caller, request.requestId);
      if (deps.config.answerRecord) access.params = carriedParams(operation, request.params);
      const params = parseParams(operation, request.params, { config: deps.config });
      if (operation.ramExempt === undefined) await authorise(deps, operation, caller, params, request);
      const body = await invoke(deps, operation, caller, params, request);
      return successResponse(request.requestId, body, access);
    } catch (err) {
      return errorResponse(toApiError(err, deps.log, received.requestId), received.requestId, hostIdOf(received.headers), access);
    }
  };
}

/** The operation of the caller's (Version, Action); a version no operation declares is served as the default. */
function route(deps: PipelineDeps, caller: Caller, requestId: string): Operation {
  const found = deps.registry.route(caller.version, caller.action);
  if (!found) throw new ApiError('InvalidAction.NotFound');
  if (found.unknownVersion) deps.log.warn({ RequestId: requestId, Action: clip(caller.action), Version: clip(caller.version) }, 'unknown API version; served as ' + DEFAULT_VERSION);
  return found.operation;
}

/** RAM: the operation's declared resources, built from the parameters, against the caller's policies. */
function authorise(deps: PipelineDeps, operation: Operation, caller: Caller, params: Record<string, unknown>, request: ApiRequest): Promise<void> {
  return deps.authorizer.authorize({
    requestId: request.requestId,
    action: operation.action,
    ramService: operation.ramService,
    key: caller.key,
    resources: operation.resources,
    params,
    sourceIp: request.sourceIp,
    secureTransport: request.secureTransport,
  });
}

/** Runs the operation in its scope: a `directory` operation gets the caller tenant's directory, resolved once. */
async function invoke(deps: PipelineDeps, operation: Operation, caller: Caller, params: Record<string, unknown>, request: ApiRequest): Promise<Record<string, unknown>> {
  const tenant = caller.key.principal.accountId;
  const { requestId, sourceIp, secureTransport } = request;
  const ctx: OperationContext = { requestId, caller, tenant, sourceIp, secureTransport, services: deps.services, sessions: deps.sessions, log: deps.log };
  if (operation.scope === 'tenant') return operation.handle(params as never, ctx);
  return operation.handle(params as never, { ...ctx, directory: await deps.services.directory.require(tenant) });
}
