import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';
import type { Store } from '../store/store.js';
import type { LeaseMetrics } from '../metrics/metrics.js';

/** Long enough for any one mutation; a lease left by a crashed node frees itself after this. */
export const LEASE_MS = 30_000;

/**
 * Serialises mutations of a contact: a mutation first claims its contact with a conditional update in the
 * store, and a second mutation that finds the claim held answers 429 ConcurrentCallNotSupported at once
 * instead of waiting. Works across nodes sharing a store. (AddMessageContact needs no lease: it inserts
 * under the directory's row lock, see ContactService.add.)
 */
export class Leases {
  constructor(private readonly store: Store, private readonly metrics: LeaseMetrics) {}

  /** Runs `work` holding the contact; 404 EntityNotExists.Contact when there is no such contact. */
  async contact<T>(directoryId: string, contactId: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const now = Date.now();
    const claim = await this.store.ephemeral((r) => r.contacts.claimLease(directoryId, contactId, owner, now, now + LEASE_MS));
    if (claim === 'missing') throw new ApiError('EntityNotExists.Contact');
    if (claim === 'held') throw new ApiError('ConcurrentCallNotSupported');
    if (claim === 'takenOver') this.metrics.leaseTakenOver('contact');
    try {
      return await work();
    } finally {
      // A release that fails (the database away) is not the caller's problem: it is tried again in the
      // background until the database answers, and the lease expires by itself anyway.
      await this.release(contactId, owner).catch(() => this.releaseLater(contactId, owner, now + LEASE_MS));
    }
  }

  private release(contactId: string, owner: string): Promise<unknown> {
    return this.store.ephemeral((r) => r.contacts.releaseLease(contactId, owner));
  }

  private releaseLater(contactId: string, owner: string, until: number): void {
    if (Date.now() >= until) return;
    setTimeout(() => {
      this.release(contactId, owner).catch(() => this.releaseLater(contactId, owner, until));
    }, 500).unref();
  }
}
