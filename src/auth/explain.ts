import { decide, factsOf } from './authorize.js';
import type { AccessKey } from './keys.js';

export interface ExplainInput {
  accessKeyId: string;
  /** `GetMessageContact` or `resourcemanager:GetMessageContact` */
  action: string;
  resource: string;
  sourceIp: string;
  secureTransport: boolean;
}

/**
 * `rdcontacts policy explain`: whether a key may do an action on a resource, and which statement decided,
 * in words. Undefined when no such key is known.
 */
export function explain(keys: readonly AccessKey[], input: ExplainInput): { allowed: boolean; text: string } | undefined {
  const key = keys.find((k) => k.id === input.accessKeyId);
  if (!key) return undefined;
  const action = input.action.includes(':') ? input.action : `resourcemanager:${input.action}`;
  const request = { action, resources: [input.resource], context: factsOf(key, input.sourceIp, input.secureTransport) };
  const decision = decide(key, request);
  const { principal } = key;
  const who = principal.type === 'Root' ? `root key of account ${principal.accountId}` : `RAM user ${principal.name} of account ${principal.accountId}`;
  const lines = [
    `${decision.allowed ? 'ALLOWED' : `DENIED (${decision.type})`}: ${action} on ${input.resource}`,
    `  key:        ${key.id}, ${who}`,
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
    lines.push(`  decided by: no statement allows it (implicit deny); the user's policies: ${names}`);
  }
  if (key.status === 'Inactive') lines.push(`  note:       this key is Inactive; every request signed with it is refused (InvalidAccessKeyId.Inactive)`);
  return { allowed: decision.allowed, text: lines.join('\n') + '\n' };
}
