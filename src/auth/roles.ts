import { createHash } from 'node:crypto';
import { fail, list, object, onlyKeys, stringList } from './document.js';
import { wildcard, type Policy } from './policy.js';

/**
 * RAM roles of the identities file: who may assume each (its trust policy, written as Alibaba Cloud writes
 * them), what a session may do (its permission policies) and how long a session may last.
 *
 *   {"name": "rd-admin", "maxSessionDuration": 3600, "policies": [...],
 *    "trustPolicy": {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
 *      "Principal": {"RAM": ["acs:ram::<account>:root"]}, "Condition": {"StringEquals": {"sts:ExternalId": "x"}}}]}}
 */
export interface Role {
  accountId: string;
  name: string;
  /** A stable numeric ID, as RAM gives every role (AssumedRoleId is `<roleId>:<session>`). */
  roleId: string;
  arn: string;
  trust: TrustStatement[];
  policies: readonly Policy[];
  /** Seconds; AssumeRole's DurationSeconds may be 900 up to this. */
  maxSessionDuration: number;
}

export interface TrustStatement {
  effect: 'Allow' | 'Deny';
  actions: RegExp[];
  /** ARNs from `Principal.RAM`: `acs:ram::<account>:root`, `…:user/<name>` or `…:role/<name>`. */
  principals: string[];
  /** From `Condition.StringEquals["sts:ExternalId"]`: the caller must pass one of these. */
  externalIds: string[] | undefined;
}

export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;
const DEFAULT_MAX_SESSION = 3600;
/** RAM role names: 1-64 letters, digits, `.`, `_`, `-`. */
export const ROLE_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const TRUSTED_PRINCIPAL = /^acs:ram::[1-9]\d{15}:(root|user\/[A-Za-z0-9._-]{1,64}|role\/[A-Za-z0-9._-]{1,64})$/;

/** Reads one role of an account; `parsePolicyAt` reads a permission policy (a system name or a document). */
export function parseRole(value: unknown, at: string, accountId: string, parsePolicyAt: (p: unknown, at: string, name: string) => Policy): Role {
  const raw = object(value, at);
  onlyKeys(raw, ['name', 'trustPolicy', 'policies', 'maxSessionDuration'], at);
  const name = raw.name;
  if (typeof name !== 'string' || !ROLE_NAME.test(name)) fail(`${at}.name`, 'must be 1-64 letters, digits, ".", "_" or "-"');
  const max = raw.maxSessionDuration ?? DEFAULT_MAX_SESSION;
  if (!Number.isInteger(max) || max < 3600 || max > MAX_SESSION_SECONDS) fail(`${at}.maxSessionDuration`, `must be a whole number of seconds from 3600 to ${MAX_SESSION_SECONDS}`);
  const policies = raw.policies === undefined ? [] : list(raw.policies, `${at}.policies`).map((p, i) => parsePolicyAt(p, `${at}.policies[${i}]`, `role ${name}.policies[${i}]`));
  return {
    accountId,
    name,
    roleId: numericIdOf(`role:${accountId}/${name.toLowerCase()}`),
    arn: `acs:ram::${accountId}:role/${name.toLowerCase()}`,
    trust: parseTrustPolicy(raw.trustPolicy, `${at}.trustPolicy`),
    policies,
    maxSessionDuration: max,
  };
}

function parseTrustPolicy(value: unknown, at: string): TrustStatement[] {
  const doc = object(value, at);
  onlyKeys(doc, ['Version', 'Statement'], at);
  if (doc.Version !== '1') fail(`${at}.Version`, `must be "1", got ${JSON.stringify(doc.Version)}`);
  const statements = list(doc.Statement, `${at}.Statement`);
  if (statements.length === 0) fail(`${at}.Statement`, 'must be a non-empty list of statements');
  return statements.map((raw, i) => {
    const sat = `${at}.Statement[${i}]`;
    const s = object(raw, sat);
    onlyKeys(s, ['Effect', 'Action', 'Principal', 'Condition'], sat);
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') fail(`${sat}.Effect`, `must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}`);
    const actions = stringList(s.Action, `${sat}.Action`).map((a) => wildcard(a, true));
    const principal = object(s.Principal, `${sat}.Principal`);
    onlyKeys(principal, ['RAM', 'Service'], `${sat}.Principal`);
    // A service principal (ecs.aliyuncs.com, …) is accepted in the file; no service calls this server.
    if (principal.Service !== undefined) stringList(principal.Service, `${sat}.Principal.Service`);
    const principals = principal.RAM === undefined ? [] : stringList(principal.RAM, `${sat}.Principal.RAM`);
    principals.forEach((p, j) => {
      if (!TRUSTED_PRINCIPAL.test(p)) fail(`${sat}.Principal.RAM[${j}]`, `${JSON.stringify(p)} is not acs:ram::<account>:root, …:user/<name> or …:role/<name>`);
    });
    return { effect: s.Effect, actions, principals, externalIds: s.Condition === undefined ? undefined : externalIdCondition(s.Condition, `${sat}.Condition`) };
  });
}

/** The one condition trust policies use here: `{"StringEquals": {"sts:ExternalId": "…" | ["…"]}}`. */
function externalIdCondition(value: unknown, at: string): string[] {
  const condition = object(value, at);
  onlyKeys(condition, ['StringEquals'], at);
  const keys = object(condition.StringEquals, `${at}.StringEquals`);
  const entries = Object.entries(keys);
  if (entries.length !== 1 || entries[0]![0].toLowerCase() !== 'sts:externalid') fail(`${at}.StringEquals`, 'trust policies support only the condition key sts:ExternalId');
  return stringList(entries[0]![1], `${at}.StringEquals["${entries[0]![0]}"]`);
}

/** 19 digits from a seed: stable across restarts and nodes, like the IDs RAM gives its roles and users. */
export function numericIdOf(seed: string): string {
  const n = createHash('sha256').update(seed).digest().readBigUInt64BE(0);
  return String(3_000_000_000_000_000_000n + (n % 6_000_000_000_000_000_000n));
}
