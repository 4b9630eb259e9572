import { ConfigError } from '../config.js';
import { decide, factsOf } from './authorize.js';
import type { AccessKey, Principal } from './keys.js';
import type { Decision } from './policy.js';

export interface ExplainInput {
  /** `GetMessageContact` or `resourcemanager:GetMessageContact` */
  action: string;
  /** The resource ARNs, as many and in the order the server builds them (MoveAccount: the account, then the folder). */
  resources: readonly string[];
  sourceIp: string;
  secureTransport: boolean;
}

/** A resource ARN the server could build: `*`, or `acs:<service>:<region>:<16-digit account or *>:<resource>`. */
const RESOURCE_ARN = /^(\*|acs:[a-z0-9-]+:[^:]*:(\d{16}|\*):[^:\s]+)$/;

/**
 * `rdcontacts policy explain`: whether a key (a root or RAM user key, or a role session's) may do an action on
 * its resources, and which statement decided, in words; the same decision the server takes (an Inactive key
 * is refused before any policy is read). `actions` is every RAM action the server authorises → how many
 * resources it is decided on; an unknown action, a malformed ARN or the wrong number of them throws.
 */
export function explain(key: AccessKey, input: ExplainInput, actions: ReadonlyMap<string, number>): { allowed: boolean; text: string } {
  const action = ramActionNamed(input.action, actions);
  const wanted = actions.get(action)!;
  for (const resource of input.resources) {
    if (!RESOURCE_ARN.test(resource)) throw new ConfigError(`--resource ${JSON.stringify(resource)} is not a resource ARN (expected "*" or "acs:<service>:<region>:<account>:<resource>", e.g. "acs:resourcemanager::<account>:messagecontact/c-…")`);
  }
  if (input.resources.length !== wanted) {
    throw new ConfigError(`${action.split(':')[1]} is decided on ${wanted} resource${wanted === 1 ? '' : 's'}; give --resource ${wanted} time${wanted === 1 ? '' : 's'}, in the order of the API (got ${input.resources.length})`);
  }
  const request = { action, resources: input.resources, context: factsOf(key, input.sourceIp, input.secureTransport) };
  const decision: Decision = decide(key, request);
  const allowed = key.status === 'Active' && decision.allowed;
  const verdict = key.status !== 'Active' ? 'DENIED (InvalidAccessKeyId.Inactive)' : decision.allowed ? 'ALLOWED' : `DENIED (${decision.type})`;
  const { principal } = key;
  const lines = [
    `${verdict}: ${action} on ${input.resources.join(', ')}`,
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
  if (key.status === 'Inactive') lines.push(`  note:       this key is Inactive; every request signed with it is refused (InvalidAccessKeyId.Inactive), whatever its policies say`);
  return { allowed, text: lines.join('\n') + '\n' };
}

/** The RAM action a name means: `service:Action` as given, or the one service that has a bare `Action`. */
function ramActionNamed(name: string, actions: ReadonlyMap<string, number>): string {
  const found = name.includes(':') ? (actions.has(name) ? [name] : []) : [...actions.keys()].filter((a) => a.endsWith(`:${name}`));
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new ConfigError(`action "${name}" is ambiguous: name its service (${found.join(' or ')})`);
  throw new ConfigError(`unknown action "${name}": the server authorises none of that name (e.g. GetMessageContact or resourcemanager:GetMessageContact)`);
}

function describe({ accountId, type, name }: Principal): string {
  if (type === 'Root') return `root key of account ${accountId}`;
  if (type === 'SubUser') return `RAM user ${name} of account ${accountId}`;
  const at = name.indexOf(':');
  return `session ${name.slice(at + 1)} of RAM role ${name.slice(0, at)} of account ${accountId}`;
}
