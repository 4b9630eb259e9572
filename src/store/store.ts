import type { Repositories } from './repositories/index.js';
import type { StoreTraits } from './traits.js';
import type { AuditEventEntry } from './records.js';

export type { Repositories } from './repositories/index.js';

/** Remembers signature nonces for the timestamp window, so a replayed request is refused. */
export interface NonceRegistry {
  /** True the first time (accessKeyId, nonce) is seen before `expiresAt`; false for a replay. */
  claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean>;
  /** How many nonces this node remembers now (the metrics' gauge). */
  held(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The one store interface: repositories (one per aggregate, dialect-neutral Kysely queries), transactions,
 * a readiness ping and the nonce registry. The schema is migrated when a store is opened (open.ts). SQLite
 * (sqlite/) and PostgreSQL (postgres/) differ in how they commit, claim nonces and classify their errors:
 * a failure that is no bug reaches the caller as a StoreError (errors/store-error.ts).
 */
export interface Store extends Repositories {
  /** Which database is below, for logs; queries ask the store's traits (traits.ts), never this. */
  readonly dialect: 'sqlite' | 'postgres';
  /** What the database can do (traits.ts). */
  readonly traits: StoreTraits;
  readonly nonces: NonceRegistry;
  /** Runs `work` in one transaction: all of its writes land together or not at all. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs short-lived bookkeeping whose loss in a power cut is harmless (leases, which expire by themselves).
   * A store may skip flushing it to disk; user data never goes through here.
   */
  ephemeral<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Stores a batch of the audit trail's events, all or none, in a transaction of its own. */
  appendAuditEvents(entries: readonly AuditEventEntry[]): Promise<void>;
  /** Closes the store once; closing it again waits for the same close. */
  close(): Promise<void>;
}
