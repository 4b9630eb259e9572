import type { Policy } from './policy.js';

/** Who an AccessKey belongs to: an account's root, or one of its RAM users. */
export interface Principal {
  accountId: string;
  /** `Root` for an account's own key, `SubUser` for a RAM user's. */
  type: 'Root' | 'SubUser';
  /** The RAM user's name; the account ID for a root key. */
  name: string;
}

export interface AccessKey {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
  principal: Principal;
  /** A RAM user's policies (none: the user may do nothing). A root key needs none: it may do anything in its account. */
  policies?: readonly Policy[];
}

/** Finds AccessKeys by ID. The set may be replaced while the server runs (identities file reloads). */
export class KeyRing {
  private keys = new Map<string, AccessKey>();

  constructor(keys: Iterable<AccessKey> = []) {
    this.replace(keys);
  }

  find(accessKeyId: string): AccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** Swaps the whole set at once: a request sees either the old set or the new one. */
  replace(keys: Iterable<AccessKey>): void {
    const next = new Map<string, AccessKey>();
    for (const key of keys) next.set(key.id, key);
    this.keys = next;
  }

  all(): AccessKey[] {
    return [...this.keys.values()];
  }
}
