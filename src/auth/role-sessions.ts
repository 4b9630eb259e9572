import { ApiError } from '../errors/api-error.js';
import { base62 } from '../ids.js';
import { accessDeniedDetail, decide, factsOf } from './authorize.js';
import type { AccessKey, KeyRing, Principal } from './keys.js';
import { parsePolicy, type AuthRequest, type Policy } from './policy.js';
import type { Role, TrustStatement } from './roles.js';
import type { SessionClaims, SessionTokens } from './session-tokens.js';

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  /** The session policy as sent (validated by the operation). */
  policy?: string;
  externalId?: string;
}

/** The credentials and identity AssumeRole answers. */
export interface AssumedSession {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAt: number;
  role: Role;
  sessionName: string;
}

export const ROLE_ARN = /^acs:ram::([1-9]\d{15}):role\/([A-Za-z0-9._-]{1,64})$/;

const NOT_AUTHORIZED = 'You are not authorized to do this action. You should be authorized by RAM.';

/**
 * STS role sessions: AssumeRole (who may assume which role, for how long, with which session policy) and,
 * for every later request, the AccessKey a session's credentials stand for. The session lives in its token
 * (session-tokens.ts); the role's policies are read from the identities file at each request, so a changed
 * or removed role takes effect at once.
 */
export class RoleSessions {
  constructor(
    private readonly ring: KeyRing,
    private readonly tokens: SessionTokens,
    private readonly now: () => number = Date.now,
  ) {}

  /** AssumeRole for the caller: 403 NoPermission unless its policies and the role's trust policy both allow it. */
  assume(caller: AccessKey, input: AssumeRoleInput, request: { requestId: string; sourceIp: string; secureTransport: boolean }): AssumedSession {
    if (caller.principal.type === 'Root') throw new ApiError('NoPermission', { message: 'Roles may not be assumed by root accounts.' });
    const [, accountId, name] = ROLE_ARN.exec(input.roleArn)!;
    // The caller's own policies first: whether a role exists is told only to who may assume roles.
    const asked: AuthRequest = { action: 'sts:AssumeRole', resources: [`acs:ram::${accountId}:role/${name!.toLowerCase()}`], context: factsOf(caller, request.sourceIp, request.secureTransport) };
    const decision = decide(caller, asked);
    if (!decision.allowed) throw new ApiError('NoPermission', { message: NOT_AUTHORIZED, extra: { AccessDeniedDetail: accessDeniedDetail(caller, asked, decision, request.requestId) } });
    const role = this.ring.role(accountId!, name!);
    if (!role) throw new ApiError('EntityNotExist.Role');
    if (input.durationSeconds > role.maxSessionDuration) {
      throw new ApiError('InvalidParameter.DurationSeconds', { message: `The Min/Max value of DurationSeconds is 900/${role.maxSessionDuration} seconds for this role.` });
    }
    if (!trusts(role, caller.principal, input.externalId)) {
      throw new ApiError('NoPermission', { message: 'No permission perform sts:AssumeRole on this Role. Maybe the role has not been authorized to you, please check the permission of the role.' });
    }
    const accessKeyId = 'STS.' + base62(24);
    const expiresAt = Math.floor(this.now() / 1000) * 1000 + input.durationSeconds * 1000;
    const claims: SessionClaims = { accountId: role.accountId, role: role.name, session: input.sessionName, accessKeyId, expiresAt, ...(input.policy !== undefined && { policy: input.policy }) };
    return { accessKeyId, accessKeySecret: this.tokens.secretOf(accessKeyId), securityToken: this.tokens.seal(claims), expiresAt, role, sessionName: input.sessionName };
  }

  /**
   * The AccessKey of a session's credentials: 400 InvalidSecurityToken.Malformed (not a token of this
   * server, or altered), .MismatchWithAccessKey (another session's AccessKey ID) or .Expired.
   */
  keyOf(accessKeyId: string, token: string): AccessKey {
    const claims = this.tokens.open(token);
    if (claims.accessKeyId !== accessKeyId) throw new ApiError('InvalidSecurityToken.MismatchWithAccessKey');
    if (this.now() >= claims.expiresAt) throw new ApiError('InvalidSecurityToken.Expired');
    const role = this.ring.role(claims.accountId, claims.role);
    const sessionPolicy = claims.policy === undefined ? undefined : parseSessionPolicy(claims.policy);
    return sessionKey(claims.accountId, claims.role, claims.session, role, sessionPolicy, { id: accessKeyId, secret: this.tokens.secretOf(accessKeyId) });
  }
}

/**
 * The AccessKey a session of `role` acts with (`rdcontacts policy explain --role` builds one without a
 * token). A role removed from the identities file leaves its sessions with no policies: they may do nothing.
 */
export function sessionKey(accountId: string, roleName: string, sessionName: string, role: Role | undefined, sessionPolicy: Policy | undefined, key: { id: string; secret: string }): AccessKey {
  const principal: Principal = { accountId, type: 'AssumedRoleUser', name: `${roleName}:${sessionName}` };
  return { ...key, status: 'Active', principal, policies: role?.policies ?? [], ...(sessionPolicy && { sessionPolicy }) };
}

/** A session policy (AssumeRole `Policy`) as a policy; throws DocumentError when it is not one. */
export function parseSessionPolicy(text: string): Policy {
  return parsePolicy(JSON.parse(text), 'session policy', 'Custom');
}

/**
 * Whether the role's trust policy lets this principal assume it (with this ExternalId): some Allow statement
 * names it (or its account's root) and no Deny statement does. A root key never assumes roles (as in RAM).
 */
export function trusts(role: Role, principal: Principal, externalId: string | undefined): boolean {
  if (principal.type === 'Root') return false;
  const names = trustedNamesOf(principal);
  const applies = (s: TrustStatement) =>
    s.actions.some((a) => a.test('sts:AssumeRole')) &&
    s.principals.some((p) => names.includes(p.toLowerCase())) &&
    (s.externalIds === undefined || (externalId !== undefined && s.externalIds.includes(externalId)));
  return !role.trust.some((s) => s.effect === 'Deny' && applies(s)) && role.trust.some((s) => s.effect === 'Allow' && applies(s));
}

/** The trust-policy principals that name this principal, lower-cased. */
function trustedNamesOf({ accountId, type, name }: Principal): string[] {
  const root = `acs:ram::${accountId}:root`;
  if (type === 'SubUser') return [root, `acs:ram::${accountId}:user/${name}`.toLowerCase()];
  return [root, `acs:ram::${accountId}:role/${name.slice(0, name.indexOf(':'))}`.toLowerCase()];
}
