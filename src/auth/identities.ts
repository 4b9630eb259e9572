import { readFileSync } from 'node:fs';
import { settings } from '../config.js';
import { idPattern } from '../ids.js';
import type { AccessKey, Principal } from './keys.js';
import { fail, list, object, onlyKeys } from './document.js';
import { parsePolicy, systemPolicy, SYSTEM_POLICY_NAMES, type Policy } from './policy.js';
import { parseRole, type Role } from './roles.js';

/**
 * The identities file (RDC_IDENTITIES_FILE): further tenants (management accounts) with their root
 * AccessKeys, RAM users, the users' keys and policies, and RAM roles (see roles.ts).
 *
 *   {"accounts": [{"accountId": "<16 digits>", "accessKeys": [{"id", "secret", "status"?}],
 *     "ramUsers": [{"name", "accessKeys": [...], "policies": ["<system policy name>" | {policy document}]}],
 *     "roles": [{"name", "trustPolicy": {…}, "policies": [...], "maxSessionDuration"?}]}]}
 */

/** Everything the file defines. */
export interface Identities {
  keys: AccessKey[];
  roles: Role[];
}

/** The same rules as the root key settings (RDC_ROOT_ACCESS_KEY_ID / _SECRET). */
const KEY_ID = settings.find((s) => s.key === 'rootAccessKeyId')!.pattern!;
const KEY_SECRET = settings.find((s) => s.key === 'rootAccessKeySecret')!.pattern!;
/** RAM user names: 1-64 letters, digits, `.`, `_`, `-`. */
const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Reads and validates the identities file and returns every key, `root` (the configured root key) first
 * when known, and every role.
 * Every problem throws a DocumentError saying where (line and column, or the JSON path) and why.
 */
export function loadIdentities(file: string, root: AccessKey | undefined): Identities {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail('', `cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!root) return parseIdentities(text);
  const { keys, roles } = parseIdentities(text, [root.id]);
  return { keys: [root, ...keys], roles };
}

/** Parses the file's text; `takenKeyIds` are keys defined elsewhere (the root key), which may not repeat. */
export function parseIdentities(text: string, takenKeyIds: readonly string[] = []): Identities {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail('', `not valid JSON${locate(text, (err as Error).message)}: ${(err as Error).message}`);
  }
  const keys: AccessKey[] = [];
  const roles: Role[] = [];
  const seenKeys = new Set(takenKeyIds);
  const seenAccounts = new Set<string>();
  const addKey = (raw: unknown, at: string, principal: Principal, policies: Policy[]) => {
    const k = object(raw, at);
    onlyKeys(k, ['id', 'secret', 'status'], at);
    if (typeof k.id !== 'string' || !KEY_ID.test(k.id)) fail(`${at}.id`, 'must be 8-64 letters and digits');
    if (typeof k.secret !== 'string' || !KEY_SECRET.test(k.secret)) fail(`${at}.secret`, 'must be 8-128 characters without spaces');
    if (k.status !== undefined && k.status !== 'Active' && k.status !== 'Inactive') fail(`${at}.status`, 'must be "Active" or "Inactive"');
    if (seenKeys.has(k.id)) fail(`${at}.id`, `AccessKey ${k.id} is defined twice`);
    seenKeys.add(k.id);
    keys.push({ id: k.id, secret: k.secret, status: k.status ?? 'Active', principal, policies });
  };

  const top = object(json, '(top level)');
  onlyKeys(top, ['accounts'], '');
  list(top.accounts, 'accounts').forEach((rawAccount, a) => {
    const at = `accounts[${a}]`;
    const account = object(rawAccount, at);
    onlyKeys(account, ['accountId', 'accessKeys', 'ramUsers', 'roles'], at);
    const accountId = account.accountId;
    if (typeof accountId !== 'string' || !idPattern.account.test(accountId)) fail(`${at}.accountId`, 'must be 16 digits, not starting with 0');
    if (seenAccounts.has(accountId)) fail(`${at}.accountId`, `account ${accountId} is listed twice`);
    seenAccounts.add(accountId);
    const root: Principal = { accountId, type: 'Root', name: accountId };
    optionalList(account.accessKeys, `${at}.accessKeys`).forEach((k, i) => addKey(k, `${at}.accessKeys[${i}]`, root, []));
    const userNames = new Set<string>();
    optionalList(account.ramUsers, `${at}.ramUsers`).forEach((rawUser, u) => {
      const uat = `${at}.ramUsers[${u}]`;
      const user = object(rawUser, uat);
      onlyKeys(user, ['name', 'accessKeys', 'policies'], uat);
      if (typeof user.name !== 'string' || !USER_NAME.test(user.name)) fail(`${uat}.name`, 'must be 1-64 letters, digits, ".", "_" or "-"');
      if (userNames.has(user.name)) fail(`${uat}.name`, `RAM user ${user.name} is listed twice in account ${accountId}`);
      userNames.add(user.name);
      const policies = optionalList(user.policies, `${uat}.policies`).map((p, i) => policyOf(p, `${uat}.policies[${i}]`, `${user.name}.policies[${i}]`));
      const principal: Principal = { accountId, type: 'SubUser', name: user.name };
      optionalList(user.accessKeys, `${uat}.accessKeys`).forEach((k, i) => addKey(k, `${uat}.accessKeys[${i}]`, principal, policies));
    });
    const roleNames = new Set<string>();
    optionalList(account.roles, `${at}.roles`).forEach((rawRole, r) => {
      const role = parseRole(rawRole, `${at}.roles[${r}]`, accountId, policyOf);
      if (roleNames.has(role.name.toLowerCase())) fail(`${at}.roles[${r}].name`, `role ${role.name} is listed twice in account ${accountId}`);
      roleNames.add(role.name.toLowerCase());
      roles.push(role);
    });
  });
  return { keys, roles };
}

function policyOf(value: unknown, at: string, name: string): Policy {
  if (typeof value === 'string') {
    const policy = systemPolicy(value);
    if (!policy) fail(at, `unknown system policy ${JSON.stringify(value)} (known: ${SYSTEM_POLICY_NAMES.join(', ')})`);
    return policy;
  }
  return parsePolicy(value, name, 'Custom', at);
}

/** `" at line 3, column 7"` from a JSON.parse message that names a position. */
function locate(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

function optionalList(value: unknown, at: string): unknown[] {
  return value === undefined ? [] : list(value, at);
}
