import { ApiError } from '../errors/api-error.js';
import { principalArn, type AccessKey } from './keys.js';
import { evaluate, type AuthRequest, type Decision, type RequestFacts } from './policy.js';
import { resourcesOf, type ResourceBuilder, type TreePaths } from './resources.js';

/** The policy type RAM reports for policies attached to a user of the account. */
const POLICY_TYPE = 'AccountLevelIdentityBasedPolicy';

export interface AuthorizeInput {
  requestId: string;
  /** The RAM action, e.g. `resourcemanager:GetMessageContact`. */
  action: string;
  /** The RAM service of the action (`resourcemanager` unless given): RAM decides `<ramService>:<action>`. */
  ramService?: string;
  key: AccessKey;
  /** The operation's declared resources. */
  resources: readonly ResourceBuilder[];
  /** The operation's parsed parameters (the ARNs need some of them). */
  params: Record<string, unknown>;
  sourceIp: string;
  secureTransport: boolean;
}

/**
 * Decides a request for a key: a root key may do anything within its own account; a RAM user's key what
 * its policies allow; a role session what both its role's policies and its session policy (if any) allow.
 */
export function decide(key: AccessKey, request: AuthRequest): Decision {
  if (key.principal.type !== 'Root') {
    const decision = evaluate(key.policies ?? [], request);
    if (!decision.allowed || key.sessionPolicy === undefined) return decision;
    const session = evaluate([key.sessionPolicy], request);
    return session.allowed ? decision : session;
  }
  const foreign = request.resources.find((r) => r !== '*' && r.split(':')[3] !== key.principal.accountId);
  if (foreign !== undefined) return { allowed: false, type: 'ImplicitDeny', resource: foreign };
  return { allowed: true, type: 'Allow', resource: request.resources[0] ?? '*' };
}

export function factsOf(key: AccessKey, sourceIp: string, secureTransport: boolean): RequestFacts {
  return { sourceIp, secureTransport, accessKeyId: key.id, principalArn: principalArn(key.principal) };
}

/** RAM enforcement for every operation: builds the request's resource ARNs and applies the caller's policies. */
export class Authorizer {
  constructor(private readonly tree: TreePaths) {}

  /** Resolves when allowed; otherwise throws 403 NoPermission with AccessDeniedDetail. */
  async authorize(input: AuthorizeInput): Promise<void> {
    const { key } = input;
    // Every ARN built from a request is in the caller's own account, where a root key may do anything.
    if (key.principal.type === 'Root') return;
    const resources = await resourcesOf(input.resources, { accountId: key.principal.accountId, params: input.params, tree: this.tree });
    const request: AuthRequest = { action: input.action, resources, context: factsOf(key, input.sourceIp, input.secureTransport) };
    const decision = decide(key, request);
    if (!decision.allowed) throw new ApiError('NoPermission', { extra: { AccessDeniedDetail: accessDeniedDetail(key, request, decision, input.requestId) } });
  }
}

/** Whether `key` may do `action` on one resource ARN, from where and how the request arrived. */
export function permits(key: AccessKey, action: string, resource: string, sourceIp: string, secureTransport: boolean): boolean {
  return decide(key, { action, resources: [resource], context: factsOf(key, sourceIp, secureTransport) }).allowed;
}

/**
 * The detail the official clients surface (err.accessDeniedDetail, err.data.AccessDeniedDetail). The encoded
 * diagnostic is base64 of a JSON object: what was asked, of what, and which of the caller's statements decided.
 */
export function accessDeniedDetail(key: AccessKey, request: AuthRequest, decision: Decision, requestId: string): Record<string, string> {
  const { principal } = key;
  const diagnostic = {
    AuthAction: request.action,
    AuthResource: decision.resource,
    AuthPrincipalType: principal.type,
    AuthPrincipalOwnerId: principal.accountId,
    AuthPrincipalDisplayName: principal.name,
    AccessKeyId: key.id,
    NoPermissionType: decision.type,
    PolicyType: POLICY_TYPE,
    ...(decision.policy && { DecidingPolicy: decision.policy.name, DecidingStatement: decision.statement }),
    SourceIp: request.context.sourceIp,
    SecureTransport: request.context.secureTransport,
    RequestId: requestId,
  };
  return {
    PolicyType: POLICY_TYPE,
    AuthPrincipalOwnerId: principal.accountId,
    AuthPrincipalType: principal.type,
    AuthPrincipalDisplayName: principal.name,
    NoPermissionType: decision.type,
    AuthAction: request.action,
    EncodedDiagnosticMessage: Buffer.from(JSON.stringify(diagnostic)).toString('base64'),
  };
}
