import type { Policy } from './policy.js';
import type { Role } from './roles.js';

/** Who signs a request: an account's root, one of its RAM users, or a session of one of its RAM roles. */
export interface Principal {
  accountId: string;
  /** `Root` for an account's own key, `SubUser` for a RAM user's, `AssumedRoleUser` for an STS session's. */
  type: 'Root' | 'SubUser' | 'AssumedRoleUser';
  /** The RAM user's name; `<role>:<session>` for a role session; the account ID for a root key. */
  name: string;
}

export interface AccessKey {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
  principal: Principal;
  /**
   * A RAM user's policies, or a role session's role policies (none: the principal may do nothing). A root
   * key needs none: it may do anything in its account.
   */
  policies?: readonly Policy[];
  /** A role session's own policy (AssumeRole `Policy`): the session may do only what both it and the role allow. */
  sessionPolicy?: Policy;
}

/** The principal's ARN, as RAM policies (acs:PrincipalARN) and GetCallerIdentity name it. */
export function principalArn({ accountId, type, name }: Principal): string {
  if (type === 'Root') return `acs:ram::${accountId}:root`;
  if (type === 'SubUser') return `acs:ram::${accountId}:user/${name}`;
  const at = name.indexOf(':');
  return `acs:ram::${accountId}:assumed-role/${name.slice(0, at)}/${name.slice(at + 1)}`;
}

/**
 * Finds AccessKeys by ID and RAM roles by account and name. The sets may be replaced while the server runs
 * (identities file reloads).
 */
export class KeyRing {
  private keys = new Map<string, AccessKey>();
  private roles = new Map<string, Role>();

  constructor(keys: Iterable<AccessKey> = [], roles: Iterable<Role> = []) {
    this.replace(keys, roles);
  }

  find(accessKeyId: string): AccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  role(accountId: string, name: string): Role | undefined {
    return this.roles.get(roleKey(accountId, name));
  }

  /**
   * Swaps the whole set at once: a request sees either the old set or the new one. The roles stay as they
   * are when none are given.
   */
  replace(keys: Iterable<AccessKey>, roles: Iterable<Role> = this.roles.values()): void {
    const nextKeys = new Map<string, AccessKey>();
    for (const key of keys) nextKeys.set(key.id, key);
    const nextRoles = new Map<string, Role>();
    for (const role of roles) nextRoles.set(roleKey(role.accountId, role.name), role);
    this.keys = nextKeys;
    this.roles = nextRoles;
  }

  all(): AccessKey[] {
    return [...this.keys.values()];
  }

  allRoles(): Role[] {
    return [...this.roles.values()];
  }
}

/** Role names are case-insensitive in RAM. */
function roleKey(accountId: string, name: string): string {
  return `${accountId}/${name.toLowerCase()}`;
}
