import { fail, object, onlyKeys, stringList } from './document.js';
import { ipRanges, normaliseIp } from './ip-ranges.js';

/**
 * The RAM policy language, as far as rdcontacts needs it: documents are parsed and validated once (at load),
 * then evaluated per request without I/O. Explicit Deny wins over Allow; what no statement allows is denied.
 */

export type Effect = 'Allow' | 'Deny';

/** A validated policy, ready to evaluate. `document` is the JSON it was read from (for explanations). */
export interface Policy {
  /** A system policy's name, or where a custom one was declared (e.g. `alice.policies[1]`). */
  name: string;
  kind: 'System' | 'Custom';
  document: unknown;
  statements: Statement[];
}

export interface Statement {
  effect: Effect;
  actions: RegExp[];
  resources: RegExp[];
  conditions: Condition[];
}

interface Condition {
  key: ConditionKey;
  test: (value: string | undefined) => boolean;
}

/** What a request asks for, and the facts conditions may test. */
export interface AuthRequest {
  /** `resourcemanager:<Action>` */
  action: string;
  /** Every resource ARN the action touches; each must be allowed. */
  resources: readonly string[];
  context: RequestFacts;
}

export interface RequestFacts {
  sourceIp: string;
  secureTransport: boolean;
  accessKeyId: string;
  /** `acs:ram::<account>:root`, `…:user/<name>` or `…:assumed-role/<role>/<session>` */
  principalArn: string;
}

export interface Decision {
  allowed: boolean;
  type: 'Allow' | 'ImplicitDeny' | 'ExplicitDeny';
  /** The resource the decision is about (the first one denied, if any). */
  resource: string;
  /** The policy and statement index that decided (none for an implicit deny). */
  policy?: Policy;
  statement?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Condition keys and operators

const CONDITION_KEYS = {
  'acs:sourceip': { name: 'acs:SourceIp', type: 'ip', read: (f: RequestFacts) => normaliseIp(f.sourceIp) },
  'acs:securetransport': { name: 'acs:SecureTransport', type: 'bool', read: (f: RequestFacts) => String(f.secureTransport) },
  'acs:accessid': { name: 'acs:AccessId', type: 'string', read: (f: RequestFacts) => f.accessKeyId },
  'acs:principalarn': { name: 'acs:PrincipalARN', type: 'string', read: (f: RequestFacts) => f.principalArn },
} as const;
type ConditionKey = keyof typeof CONDITION_KEYS;
type KeyType = (typeof CONDITION_KEYS)[ConditionKey]['type'];

type Operator = (typeof OPERATORS)[number];
const OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'IpAddress',
  'NotIpAddress',
  'Bool',
] as const;

/** Which key types an operator applies to (string operators also compare an IP or a boolean as text). */
const OPERATOR_KEY_TYPES: Record<Operator, readonly KeyType[]> = {
  StringEquals: ['string', 'ip', 'bool'],
  StringNotEquals: ['string', 'ip', 'bool'],
  StringEqualsIgnoreCase: ['string', 'ip', 'bool'],
  StringNotEqualsIgnoreCase: ['string', 'ip', 'bool'],
  StringLike: ['string', 'ip'],
  StringNotLike: ['string', 'ip'],
  IpAddress: ['ip'],
  NotIpAddress: ['ip'],
  Bool: ['bool'],
};

/** Builds the test of one operator over its values. Several values: any may match (negated: none may). */
function conditionTest(operator: Operator, values: string[], path: string): (value: string | undefined) => boolean {
  const positive = (match: (v: string) => boolean) => (v: string | undefined) => v !== undefined && match(v);
  // A missing fact satisfies a negated operator, as in RAM.
  const negative = (match: (v: string) => boolean) => (v: string | undefined) => v === undefined || !match(v);
  switch (operator) {
    case 'StringEquals':
      return positive((v) => values.includes(v));
    case 'StringNotEquals':
      return negative((v) => values.includes(v));
    case 'StringEqualsIgnoreCase': {
      const lower = values.map((x) => x.toLowerCase());
      return positive((v) => lower.includes(v.toLowerCase()));
    }
    case 'StringNotEqualsIgnoreCase': {
      const lower = values.map((x) => x.toLowerCase());
      return negative((v) => lower.includes(v.toLowerCase()));
    }
    case 'StringLike': {
      const patterns = values.map((x) => wildcard(x, false));
      return positive((v) => patterns.some((p) => p.test(v)));
    }
    case 'StringNotLike': {
      const patterns = values.map((x) => wildcard(x, false));
      return negative((v) => patterns.some((p) => p.test(v)));
    }
    case 'IpAddress':
      return positive(ipMatcher(values, path));
    case 'NotIpAddress':
      return negative(ipMatcher(values, path));
    case 'Bool': {
      const wanted: string[] = values.map((x, i) => {
        const b = x.toLowerCase();
        if (b !== 'true' && b !== 'false') fail(`${path}[${i}]`, `Bool takes true or false, got ${JSON.stringify(x)}`);
        return b;
      });
      return positive((v) => wanted.includes(v.toLowerCase()));
    }
  }
}

/** A matcher for IPv4/IPv6 addresses and CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`). */
function ipMatcher(values: string[], path: string): (ip: string) => boolean {
  return ipRanges(values, (i, value) => fail(`${path}[${i}]`, `${JSON.stringify(value)} is not an IP address or CIDR block`));
}

// ---------------------------------------------------------------------------------------------------------
// Parsing and validation

/** `*` matches any run of characters, `?` exactly one; everything else literally. */
export function wildcard(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : '\\' + c));
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

const ACTION = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/;
const RESOURCE = /^acs:[^:]*:[^:]*:[^:]*:.+$/;

/** Validates a policy document; a problem throws DocumentError naming where (`Statement[0].Action`) and why. */
export function parsePolicy(document: unknown, name: string, kind: Policy['kind'] = 'Custom', at = name): Policy {
  const doc = object(document, at);
  onlyKeys(doc, ['Version', 'Statement'], at);
  if (doc.Version !== '1') fail(`${at}.Version`, `must be "1", got ${JSON.stringify(doc.Version)}`);
  if (!Array.isArray(doc.Statement) || doc.Statement.length === 0) {
    fail(`${at}.Statement`, 'must be a non-empty list of statements');
  }
  const statements = doc.Statement.map((s: unknown, i: number) => parseStatement(s, `${at}.Statement[${i}]`));
  return { name, kind, document, statements };
}

function parseStatement(value: unknown, at: string): Statement {
  const s = object(value, at);
  onlyKeys(s, ['Effect', 'Action', 'Resource', 'Condition'], at);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') fail(`${at}.Effect`, `must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}`);
  const actions = stringList(s.Action, `${at}.Action`).map((a, i) => {
    if (a !== '*' && !ACTION.test(a)) fail(`${at}.Action[${i}]`, `${JSON.stringify(a)} is not an action (expected "*" or "<service>:<Action>", e.g. "resourcemanager:GetMessageContact")`);
    return wildcard(a, true);
  });
  const resources = stringList(s.Resource, `${at}.Resource`).map((r, i) => {
    if (r !== '*' && !RESOURCE.test(r)) fail(`${at}.Resource[${i}]`, `${JSON.stringify(r)} is not a resource (expected "*" or "acs:<service>:<region>:<account>:<resource>")`);
    return wildcard(r, false);
  });
  const conditions = s.Condition === undefined ? [] : parseConditions(s.Condition, `${at}.Condition`);
  return { effect: s.Effect, actions, resources, conditions };
}

function parseConditions(value: unknown, at: string): Condition[] {
  const block = object(value, at);
  const out: Condition[] = [];
  for (const [operator, byKey] of Object.entries(block)) {
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      fail(`${at}.${operator}`, `unknown condition operator (supported: ${OPERATORS.join(', ')})`);
    }
    const op = operator as Operator;
    const keys = object(byKey, `${at}.${op}`);
    if (Object.keys(keys).length === 0) fail(`${at}.${op}`, 'names no condition key');
    for (const [rawKey, rawValues] of Object.entries(keys)) {
      const path = `${at}.${op}["${rawKey}"]`;
      const key = rawKey.toLowerCase() as ConditionKey;
      const known = CONDITION_KEYS[key];
      if (!known) {
        fail(path, `unknown condition key (supported: ${Object.values(CONDITION_KEYS).map((k) => k.name).join(', ')})`);
      }
      if (!OPERATOR_KEY_TYPES[op].includes(known.type)) fail(path, `${op} does not apply to ${known.name}`);
      const values = conditionValues(rawValues, path);
      out.push({ key, test: conditionTest(op, values, path) });
    }
  }
  return out;
}

function conditionValues(value: unknown, at: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(at, 'needs at least one value');
  return list.map((v, i) => {
    if (typeof v === 'string' || typeof v === 'boolean') return String(v);
    fail(Array.isArray(value) ? `${at}[${i}]` : at, `condition values are strings (or true/false), got ${JSON.stringify(v)}`);
  });
}




// ---------------------------------------------------------------------------------------------------------
// System policies

const SYSTEM_DOCUMENTS = {
  AliyunResourceDirectoryFullAccess: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:*', Resource: '*' }] },
  AliyunResourceDirectoryReadOnlyAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['resourcemanager:Get*', 'resourcemanager:List*'], Resource: '*' }],
  },
  // A RAM user needs sts:AssumeRole on a role besides the role's trust to assume it, as in RAM.
  AliyunSTSAssumeRoleAccess: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] },
  // rdcontacts' own API (version 2026-12-01): publishing notices, recipients, webhooks, the tenant's outbox.
  // Neither Resource Directory policy grants it (ListOutboxMessages reads live verification links and codes).
  AliyunRdcontactsFullAccess: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'rdcontacts:*', Resource: '*' }] },
  AliyunRdcontactsReadOnlyAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['rdcontacts:Get*', 'rdcontacts:List*', 'rdcontacts:Resolve*'], Resource: '*' }],
  },
} as const;

export const SYSTEM_POLICY_NAMES = Object.keys(SYSTEM_DOCUMENTS) as Array<keyof typeof SYSTEM_DOCUMENTS>;

/** A system policy by its name, or undefined. */
export function systemPolicy(name: string): Policy | undefined {
  if (!Object.hasOwn(SYSTEM_DOCUMENTS, name)) return undefined;
  return parsePolicy(SYSTEM_DOCUMENTS[name as keyof typeof SYSTEM_DOCUMENTS], name, 'System');
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

/**
 * Decides a request against a principal's policies. Every resource must be allowed; an explicit Deny on
 * any of them wins over every Allow.
 */
export function evaluate(policies: readonly Policy[], request: AuthRequest): Decision {
  const verdicts = request.resources.map((resource) => ({ resource, deny: find(policies, 'Deny', request, resource), allow: find(policies, 'Allow', request, resource) }));
  const denied = verdicts.find((v) => v.deny);
  if (denied) return { allowed: false, type: 'ExplicitDeny', resource: denied.resource, ...denied.deny };
  const notAllowed = verdicts.find((v) => !v.allow);
  if (notAllowed) return { allowed: false, type: 'ImplicitDeny', resource: notAllowed.resource };
  const first = verdicts[0];
  if (!first) return { allowed: false, type: 'ImplicitDeny', resource: '' };
  return { allowed: true, type: 'Allow', resource: first.resource, ...first.allow };
}

function find(policies: readonly Policy[], effect: Effect, request: AuthRequest, resource: string): { policy: Policy; statement: number } | undefined {
  for (const policy of policies) {
    const i = policy.statements.findIndex((s) => s.effect === effect && matches(s, request, resource));
    if (i >= 0) return { policy, statement: i };
  }
  return undefined;
}

function matches(s: Statement, request: AuthRequest, resource: string): boolean {
  return (
    s.actions.some((a) => a.test(request.action)) &&
    s.resources.some((r) => r.test(resource)) &&
    s.conditions.every((c) => c.test(CONDITION_KEYS[c.key].read(request.context)))
  );
}
