import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../errors/api-error.js';
import type { Store } from '../store/store.js';
import type { LeaseMetrics } from '../metrics/metrics.js';
import { HEARTBEAT_MS, PRESUMED_STOPPED_AFTER_MS, type NodePresence } from './node-presence.js';

/** Long enough for any one mutation: a lease whose node is alive but stuck frees itself after this. */
export const LEASE_MS = 30_000;
/**
 * How long a mutation waits for a contact held by another node: as long as PostgreSQL waits for a row lock
 * (src/store/postgres/open.ts), and well inside the SDKs' read timeouts (pop-core's is 3 s).
 */
export const WAIT_FOR_OTHER_NODE_MS = 2_000;
/** A holder that missed this long of beats is failing, not busy: the caller is told to try again (503), not that it collided (429). */
const FAILING_AFTER_MS = 1.5 * HEARTBEAT_MS;
const RETRY_MS = 25;

/**
 * Serialises mutations of a contact: a mutation first claims its contact with a conditional update in the
 * store, naming its node. Works across nodes sharing a store. (AddMessageContact needs no lease: it inserts
 * under the directory's row lock, see ContactService.add.) When the claim finds the contact held
 * (docs/decisions.md#concurrency):
 * - by another mutation on this node: a concurrent call, answered 429 ConcurrentCallNotSupported at once;
 * - by another node: a live node's mutation ends within milliseconds, and a node that died holding it stops
 *   beating and its lease is free once it is presumed stopped (NodePresence). The mutation waits for either,
 *   as a row lock is waited for (up to WAIT_FOR_OTHER_NODE_MS). Still held after that: 503 ServiceUnavailable
 *   when the holder has missed beats (it is dying: try again shortly), else 429. So a node's death costs
 *   the calls it was serving and 503s for a few seconds, never 429s for the rest of its lease.
 */
export class Leases {
  constructor(
    private readonly store: Store,
    private readonly node: NodePresence,
    private readonly metrics: LeaseMetrics,
  ) {}

  /** Runs `work` holding the contact; 404 EntityNotExists.Contact when there is no such contact. */
  async contact<T>(directoryId: string, contactId: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const waitUntil = Date.now() + WAIT_FOR_OTHER_NODE_MS;
    let now = Date.now();
    for (;;) {
      const lease = { owner, node: this.node.id, now, until: now + LEASE_MS, aliveSince: now - PRESUMED_STOPPED_AFTER_MS };
      const claim = await this.store.ephemeral((r) => r.contacts.claimLease(directoryId, contactId, lease));
      if (claim.state === 'claimed') {
        if (claim.takenOver) this.metrics.leaseTakenOver('contact');
        break;
      }
      if (claim.state === 'missing') throw new ApiError('EntityNotExists.Contact');
      if (claim.node === this.node.id) throw new ApiError('ConcurrentCallNotSupported');
      if (Date.now() >= waitUntil) {
        const failing = claim.nodeSeenAt === null || claim.nodeSeenAt < Date.now() - FAILING_AFTER_MS;
        throw new ApiError(failing && claim.node !== null ? 'ServiceUnavailable' : 'ConcurrentCallNotSupported');
      }
      await sleep(RETRY_MS);
      now = Date.now();
    }
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
