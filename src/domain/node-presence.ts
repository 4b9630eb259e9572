import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

/** How often a node says it is alive. */
export const HEARTBEAT_MS = 1_000;
/**
 * A node not heard from for this long is taken for stopped (killed, or cut off from the store), and the
 * contacts it held are free. Three missed beats: a busy event loop or a slow commit is not a death.
 * Nodes' clocks must agree to well within this (NTP), as for every expiry kept in the store.
 */
export const PRESUMED_STOPPED_AFTER_MS = 3 * HEARTBEAT_MS;

/**
 * This node's identity in the store and its heartbeat: every HEARTBEAT_MS it records that it is alive, so that
 * other nodes can tell a contact held by a live mutation from one held by a node that died holding it
 * (src/domain/leases.ts). A new identity at every start: a restarted node does not inherit what its previous
 * process held.
 */
export class NodePresence {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** Records the first beat before answering, then beats in the background. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      // A beat that fails (the store away) is simply missed; the next one tries again.
      this.beating = this.beat().catch(() => undefined);
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Stops beating and leaves, so that what this node still held is free at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    await this.store.ephemeral((r) => r.nodes.leave(this.id)).catch(() => undefined);
  }

  private beat(): Promise<void> {
    return this.store.ephemeral((r) => r.nodes.beat(this.id, Date.now()));
  }
}
