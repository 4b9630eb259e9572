import { decide, factsOf } from './authorize.js';
import type { AccessKey, Principal } from './keys.js';

export interface ExplainInput {
  /** `GetMessageContact` or `resourcemanager:GetMessageContact` */
  action: string;
  resource: string;
  sourceIp: string;
  secureTransport: boolean;
}

/**
 * `rdcontacts policy explain`: whether a key (a root or RAM user key, or a role session's) may do an action on
 * a resource, and which statement decided, in words.
 */
export function explain(key: AccessKey, input: ExplainInput): { allowed: boolean; text: string } {
  const action = input.action.includes(':') ? input.action : `resourcemanager:${input.action}`;
  const request = { action, resources: [input.resource], context: factsOf(key, input.sourceIp, input.secureTransport) };
  const decision = decide(key, request);
  const { principal } = key;
  const lines = [
    `${decision.allowed ? 'ALLOWED' : `DENIED (${decision.type})`}: ${action} on ${input.resource}`,
    `  key:        ${key.id}, ${describe(principal)}`,
    `  request:    from ${input.sourceIp}, ${input.secureTransport ? 'HTTPS' : 'plain HTTP'}`,
  ];
  if (decision.policy && decision.statement !== undefined) {
    const statement = (decision.policy.document as { Statement: unknown[] }).Statement[decision.statement];
    lines.push(`  decided by: ${decision.policy.kind.toLowerCase()} policy ${decision.policy.name}, Statement[${decision.statement}]`, `              ${JSON.stringify(statement)}`);
  } else if (principal.type === 'Root') {
    lines.push(
      decision.allowed
        ? '  decided by: a root key may do anything within its own account'
        : `  decided by: a root key acts only within its own account (${principal.accountId})`,
    );
  } else {
    const names = (key.policies ?? []).map((p) => p.name).join(', ') || 'none';
    const whose = principal.type === 'SubUser' ? "the user's policies" : "the role's policies";
    const session = key.sessionPolicy ? ` (and the session policy, which must allow it too)` : '';
    lines.push(`  decided by: no statement allows it (implicit deny); ${whose}: ${names}${session}`);
  }
  if (key.sessionPolicy && decision.allowed) lines.push(`  session:    the session policy allows it as well`);
  if (key.status === 'Inactive') lines.push(`  note:       this key is Inactive; every request signed with it is refused (InvalidAccessKeyId.Inactive)`);
  return { allowed: decision.allowed, text: lines.join('\n') + '\n' };
}

function describe({ accountId, type, name }: Principal): string {
  if (type === 'Root') return `root key of account ${accountId}`;
  if (type === 'SubUser') return `RAM user ${name} of account ${accountId}`;
  const at = name.indexOf(':');
  return `session ${name.slice(at + 1)} of RAM role ${name.slice(0, at)} of account ${accountId}`;
}
