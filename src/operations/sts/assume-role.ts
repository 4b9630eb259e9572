import { ROLE_ARN, parseSessionPolicy } from '../../auth/role-sessions.js';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../../auth/roles.js';
import { STS_2015, defineOperation, defineParam } from '../operation.js';

/** Credentials.Expiration as STS writes it and Terraform parses it (Go layout 2006-01-02T15:04:05Z). */
export function stsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isSessionPolicy(text: string): boolean {
  try {
    parseSessionPolicy(text);
    return true;
  } catch {
    return false;
  }
}

export default defineOperation({
  ...STS_2015,
  action: 'AssumeRole',
  scope: 'tenant',
  resources: [],
  ramExempt: "the caller's own policies must allow sts:AssumeRole on the role, and the role's trust policy must name the caller (RoleSessions.assume)",
  params: [
    defineParam({
      name: 'DurationSeconds',
      type: 'integer',
      default: 3600,
      doc: "Seconds the credentials last: 900 up to the role's maxSessionDuration (at most 43200).",
      checks: [{ code: 'InvalidParameter.DurationSeconds', rule: `${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`, test: (v: number) => v >= MIN_SESSION_SECONDS && v <= MAX_SESSION_SECONDS }],
    }),
    defineParam({
      name: 'ExternalId',
      type: 'string',
      doc: "Must be one the role's trust policy names under sts:ExternalId, when it names any.",
      checks: [{ code: 'InvalidParameter.ExternalId', rule: '2-1224 characters of letters, digits and +=,.@:/-_', test: (v: string) => /^[\w+=,.@:/-]{2,1224}$/.test(v) }],
    }),
    defineParam({
      name: 'RoleArn',
      type: 'string',
      required: true,
      doc: 'acs:ram::<account>:role/<name>',
      checks: [{ code: 'InvalidParameter.RoleArn', rule: 'acs:ram::<16-digit account>:role/<name>', test: (v: string) => ROLE_ARN.test(v) }],
    }),
    defineParam({
      name: 'RoleSessionName',
      type: 'string',
      required: true,
      doc: 'Names the session: 2-64 letters, digits, ".", "@", "-" or "_".',
      checks: [{ code: 'InvalidParameter.RoleSessionName', rule: '2-64 letters, digits and .@-_', test: (v: string) => /^[\w.@-]{2,64}$/.test(v) }],
    }),
    defineParam({
      name: 'Policy',
      type: 'string',
      doc: "A session policy: the session may do only what both it and the role's policies allow.",
      checks: [
        { code: 'InvalidParameter.PolicyGrammar', rule: 'a policy document (Version "1", Statement)', test: (v: string) => isSessionPolicy(v) },
        { code: 'InvalidParameter.PolicySize', rule: 'at most 2048 bytes', test: (v: string) => Buffer.byteLength(v) <= 2048 },
      ],
    }),
  ],
  errors: [
    'InvalidParameter.DurationSeconds',
    'InvalidParameter.ExternalId',
    'InvalidParameter.RoleArn',
    'InvalidParameter.RoleSessionName',
    'InvalidParameter.SerialNumber',
    'InvalidParameter.TokenCode',
    'InvalidParameter.PolicyGrammar',
    'InvalidParameter.PolicySize',
    'InvalidParameter.ContentType',
    'NoPermission',
    'AuthenticationFail.ApiUsername',
    'AuthenticationFail.ApiPassword',
    'EntityNotExist.Role',
    'InternalError',
  ],
  unreachable: {
    'InvalidParameter.SerialNumber': 'MFA (SerialNumber, TokenCode) is not part of AssumeRole here: no parameter carries it',
    'InvalidParameter.TokenCode': 'MFA (SerialNumber, TokenCode) is not part of AssumeRole here: no parameter carries it',
    'InvalidParameter.ContentType': 'parameters are read from the query and from a form body; any other body is ignored rather than refused',
    'AuthenticationFail.ApiUsername': 'API user name/password authentication does not exist here; every request is signed with an AccessKey',
    'AuthenticationFail.ApiPassword': 'API user name/password authentication does not exist here; every request is signed with an AccessKey',
    InternalError: 'only a bug answers it',
  },
  async handle(p, ctx) {
    const session = ctx.sessions.assume(
      ctx.caller.key,
      { roleArn: p.RoleArn, sessionName: p.RoleSessionName, durationSeconds: p.DurationSeconds, policy: p.Policy, externalId: p.ExternalId },
      { requestId: ctx.requestId, sourceIp: ctx.sourceIp, secureTransport: ctx.secureTransport },
    );
    return {
      AssumedRoleUser: { Arn: `${session.role.arn}/${session.sessionName}`, AssumedRoleId: `${session.role.roleId}:${session.sessionName}` },
      Credentials: {
        AccessKeyId: session.accessKeyId,
        AccessKeySecret: session.accessKeySecret,
        SecurityToken: session.securityToken,
        Expiration: stsDate(session.expiresAt),
      },
    };
  },
});
