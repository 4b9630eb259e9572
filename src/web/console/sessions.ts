import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccessKey, KeyRing } from '../../auth/keys.js';

/** A signed-in person: which key, until when, the form token of their pages, and a note for the next page. */
export interface Session {
  id: string;
  keyId: string;
  expiresAt: number;
  /** Every POST form carries it; a cross-site page cannot read it. */
  csrf: string;
  flash?: { tone: 'success' | 'error'; text: string };
}

/**
 * Console sessions, kept by this server (never the secret: only the key's ID). A session ends at its TTL,
 * at sign-out, and at the first request after its key was disabled or removed.
 */
export class Sessions {
  private readonly byId = new Map<string, Session>();

  constructor(
    private readonly keys: KeyRing,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks the pair once; a new session when it is an active key. */
  signIn(accessKeyId: string, secret: string): Session | undefined {
    const key = this.keys.find(accessKeyId);
    if (!key || key.status !== 'Active' || !sameSecret(key.secret, secret)) return undefined;
    this.sweep();
    const session: Session = { id: token(), keyId: key.id, expiresAt: this.now() + this.ttlMs, csrf: token() };
    this.byId.set(session.id, session);
    return session;
  }

  /** The live session of a cookie and its key, or undefined (and the session forgotten) when it ended. */
  resume(id: string | undefined): { session: Session; key: AccessKey } | undefined {
    const session = id === undefined ? undefined : this.byId.get(id);
    if (!session) return undefined;
    const key = this.keys.find(session.keyId);
    if (session.expiresAt <= this.now() || !key || key.status !== 'Active') {
      this.byId.delete(session.id);
      return undefined;
    }
    return { session, key };
  }

  signOut(id: string): void {
    this.byId.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.byId) if (s.expiresAt <= now) this.byId.delete(id);
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
