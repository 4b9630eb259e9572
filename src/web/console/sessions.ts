import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccessKey, KeyRing } from '../../auth/keys.js';
import type { Repositories } from '../../store/store.js';

/** A signed-in person: which key, until when, the form token of their pages, and a note for the next page. */
export interface Session {
  /** The token of the cookie; the store keeps only its hash. */
  id: string;
  keyId: string;
  expiresAt: number;
  /** Every POST form carries it; a cross-site page cannot read it. Derived from the token, so every node knows it. */
  csrf: string;
  flash?: { tone: 'success' | 'error'; text: string };
}

/**
 * Console sessions, kept in the store (never the secret, and of the token only its SHA-256), so a session
 * made on one node is valid on every node of the same database. A session ends at its TTL, at sign-out, and
 * at the first request after its key was disabled or removed; housekeeping removes the expired ones.
 */
export class Sessions {
  constructor(
    private readonly store: Repositories,
    private readonly keys: KeyRing,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks the pair once; a new session when it is an active key. */
  async signIn(accessKeyId: string, secret: string): Promise<Session | undefined> {
    const key = this.keys.find(accessKeyId);
    if (!key || key.status !== 'Active' || !sameSecret(key.secret, secret)) return undefined;
    const id = token();
    const now = this.now();
    await this.store.consoleSessions.insert({ tokenHash: hashOf(id), keyId: key.id, createdAt: now, expiresAt: now + this.ttlMs, flash: null });
    return { id, keyId: key.id, expiresAt: now + this.ttlMs, csrf: csrfOf(id) };
  }

  /**
   * The live session of a cookie and its key, or undefined (and the session removed) when it ended. Its
   * note for the next page is handed over once: this page shows it, the next one does not.
   */
  async resume(id: string | undefined): Promise<{ session: Session; key: AccessKey } | undefined> {
    if (id === undefined || id === '') return undefined;
    const hash = hashOf(id);
    const record = await this.store.consoleSessions.find(hash);
    if (!record) return undefined;
    const key = this.keys.find(record.keyId);
    if (record.expiresAt <= this.now() || !key || key.status !== 'Active') {
      await this.store.consoleSessions.delete(hash);
      return undefined;
    }
    if (record.flash) await this.store.consoleSessions.setFlash(hash, null);
    const session: Session = { id, keyId: record.keyId, expiresAt: record.expiresAt, csrf: csrfOf(id), ...(record.flash && { flash: record.flash }) };
    return { session, key };
  }

  /** Leaves a note for the session's next page (which another node may serve). */
  flash(session: Session, flash: NonNullable<Session['flash']>): Promise<void> {
    return this.store.consoleSessions.setFlash(hashOf(session.id), flash);
  }

  signOut(id: string): Promise<void> {
    return this.store.consoleSessions.delete(hashOf(id));
  }
}

/** Failed sign-ins per source address in a sliding window; past the limit, an address waits. */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  blocked(address: string): boolean {
    return this.recent(address).length >= this.limit;
  }

  fail(address: string): void {
    this.failures.set(address, [...this.recent(address), this.now()]);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(address);
    else this.failures.set(address, kept);
    return kept;
  }
}

/** Compares in constant time (over digests, so the lengths do not show either). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a session token: its SHA-256 (the token has 256 random bits, so no salt is needed). */
function hashOf(sessionToken: string): string {
  return createHash('sha256').update(sessionToken).digest('hex');
}

/** The form token of a session: a keyed hash of its token, the same on every node, not derivable from the stored hash. */
function csrfOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('rdcontacts console form').digest('base64url');
}
