import type { ShedReason } from '../metrics/metrics.js';

/**
 * Admission control for signed API calls: at most `inProgress` calls are worked on at once; up to `queued`
 * more wait their turn, first come first served, for at most `waitMs`; any other call is answered 503
 * ServiceUnavailable at once, before its parameters are decoded or its signature checked.
 *
 * Why: without a bound, a node pushed past its capacity (its peer killed, a burst) accepts every call and
 * works on all of them at once. Each call's turns on the event loop then come further apart, so a
 * transaction that holds a row lock (an AddMessageContact holds its directory's) holds it for seconds while
 * its next statement waits for the loop; every other call needing that lock or a pooled connection waits
 * behind it, times out, and the node answers almost nothing until the load stops (measured in `npm run soak`:
 * a node stopped answering for minutes after one kill of its peer). Bounded, a node answers what it can at
 * full speed and refuses the rest cheaply, and clients try another node or later (503 is retried by them).
 * A call that waited longer than `waitMs`, or whose client went away while it waited, is not worked on at all:
 * its client has most likely given up, and working on it would only delay the calls behind it.
 */
export interface AdmissionLimits {
  /** Calls worked on at once (RDC_MAX_CALLS_IN_PROGRESS). */
  inProgress: number;
  /** Calls waiting for a turn at most (RDC_MAX_CALLS_QUEUED); 0: none wait. */
  queued: number;
  /** Milliseconds a call may wait for its turn (RDC_CALL_QUEUE_TIMEOUT). */
  waitMs: number;
}


export type Admitted = { admitted: true; release: () => void } | { admitted: false; reason: ShedReason };

interface Waiter {
  since: number;
  clientGone: () => boolean;
  resolve: (a: Admitted) => void;
}

export class Admission {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Index of the first waiter still in `waiting` (a ring of sorts: shifted in bulk, not one by one). */
  private head = 0;
  /** Refuses waiters past `waitMs` while no turn frees up (every turn held by a slow call). */
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly limits: AdmissionLimits) {}

  /** Calls being worked on now. */
  get inProgress(): number {
    return this.running;
  }

  /** Calls waiting for a turn now. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /**
   * A turn for one call: at once while fewer than `inProgress` run, else after the calls ahead of it.
   * `clientGone` is asked when its turn comes. Every admitted call must call `release` exactly once.
   */
  admit(clientGone: () => boolean): Admitted | Promise<Admitted> {
    if (this.running < this.limits.inProgress && this.queued === 0) return this.grant();
    if (this.queued >= this.limits.queued) return { admitted: false, reason: 'queue_full' };
    // Not unref'd: it runs only while calls wait, and each waiting call is an open request anyway.
    this.sweeper ??= setInterval(() => this.sweep(), Math.max(10, this.limits.waitMs / 4));
    return new Promise<Admitted>((resolve) => this.waiting.push({ since: Date.now(), clientGone, resolve }));
  }

  private grant(): Admitted {
    this.running++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        this.next();
      },
    };
  }

  /** Gives freed turns to the oldest waiters, refusing on the way those that waited too long or lost their client. */
  private next(): void {
    const now = Date.now();
    while (this.running < this.limits.inProgress && this.queued > 0) {
      const waiter = this.waiting[this.head++]!;
      if (now - waiter.since > this.limits.waitMs) waiter.resolve({ admitted: false, reason: 'waited_too_long' });
      else if (waiter.clientGone()) waiter.resolve({ admitted: false, reason: 'client_gone' });
      else waiter.resolve(this.grant());
    }
    this.compact();
  }

  /** Waiters leave in the order they came, so the ones past their time are at the head. */
  private sweep(): void {
    const deadline = Date.now() - this.limits.waitMs;
    while (this.queued > 0 && this.waiting[this.head]!.since < deadline) this.waiting[this.head++]!.resolve({ admitted: false, reason: 'waited_too_long' });
    this.compact();
  }

  private compact(): void {
    if (this.queued === 0) {
      this.waiting.length = 0;
      this.head = 0;
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    } else if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }
}
