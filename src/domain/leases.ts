import { randomUUID } from 'node:crypto';
import { ApiError } from '../protocol/errors.js';
import type { Store } from '../store/store.js';

/** Long enough for any one mutation; a lease left by a crashed node frees itself after this. */
export const LEASE_MS = 30_000;

/**
 * Serialises mutations: a mutation first claims its contact (or, for AddMessageContact, the directory's
 * contact list) with a conditional update in the store, and a second mutation that finds the claim held
 * answers 429 ConcurrentCallNotSupported at once instead of waiting. Works across nodes sharing a store.
 */
export class Leases {
  constructor(private readonly store: Store) {}

  /** Runs `work` holding the contact; 404 EntityNotExists.Contact when there is no such contact. */
  async contact<T>(directoryId: string, contactId: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const now = Date.now();
    const claim = await this.store.ephemeral((r) => r.contacts.claimLease(directoryId, contactId, owner, now, now + LEASE_MS));
    if (claim === 'missing') throw new ApiError('EntityNotExists.Contact');
    if (claim === 'held') throw new ApiError('ConcurrentCallNotSupported');
    try {
      return await work();
    } finally {
      // A release that fails (store gone) is not the caller's problem: the lease expires by itself.
      await this.store.ephemeral((r) => r.contacts.releaseLease(contactId, owner)).catch(() => undefined);
    }
  }

  /** Runs `work` holding the directory's contact list. */
  async directory<T>(directoryId: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const now = Date.now();
    if (!(await this.store.ephemeral((r) => r.contacts.claimDirectoryLease(directoryId, owner, now, now + LEASE_MS)))) throw new ApiError('ConcurrentCallNotSupported');
    try {
      return await work();
    } finally {
      await this.store.ephemeral((r) => r.contacts.releaseDirectoryLease(directoryId, owner)).catch(() => undefined);
    }
  }
}
