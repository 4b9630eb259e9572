import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { Job } from '../store/records.js';
import { base62 } from '../ids.js';
import type { LeaseMetrics } from '../metrics/metrics.js';

/** What a job handler decides: finished, or try again after `retryInMs`. */
export type JobOutcome = { done: true } | { done: false; retryInMs: number; error: string };

/** Runs one job. `signal` aborts when the node stops: a handler that waits should stop waiting (and throw). */
export type JobHandler = (job: Job, signal: AbortSignal) => Promise<JobOutcome>;

export interface JobRunnerOptions {
  pollMs?: number;
  /** How long a claim holds before another node may take the job over; renewed while the handler works. */
  leaseMs?: number;
  /** Jobs this node runs at once. */
  concurrency?: number;
}

/**
 * Runs durable jobs kept in the store. Any node may run any job: a claim is a lease in the store, renewed
 * while the handler works; a node that dies leaves its job to be claimed again when the lease expires, by
 * another node or by itself after a restart. A node that stops hands its jobs back at once.
 */
export class JobRunner {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> | undefined;
  private stopped = true;
  private abort = new AbortController();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;

  constructor(private readonly store: Store, private readonly log: Logger, private readonly metrics: LeaseMetrics, options: JobRunnerOptions = {}) {
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.concurrency = options.concurrency ?? 8;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Adds a job (inside the caller's transaction when given one), to run from `runAfter` on. */
  async enqueue(kind: string, subject: string, payload: unknown, tx: Pick<Store, 'jobs'> = this.store, runAfter = Date.now()): Promise<string> {
    const id = 'job-' + base62(20);
    await tx.jobs.enqueue({ id, kind, subject, payload: JSON.stringify(payload), runAfter, createdAt: Date.now() });
    return id;
  }

  start(): void {
    this.stopped = false;
    this.abort = new AbortController();
    this.schedule(0);
  }

  /** Runs due jobs now instead of at the next poll. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Stops claiming, asks running handlers to stop, and waits until every job is finished or handed back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.claiming;
    await Promise.all([...this.active]);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.claiming) return this.schedule(this.pollMs);
      this.claiming = this.claimDue().finally(() => {
        this.claiming = undefined;
        if (!this.stopped) this.schedule(this.pollMs);
      });
    }, ms);
    this.timer.unref();
  }

  /** Claims due jobs while this node has room for them; each runs on its own. */
  private async claimDue(): Promise<void> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return;
    while (!this.stopped && this.active.size < this.concurrency) {
      let job: Job | undefined;
      try {
        const now = Date.now();
        const claimed = await this.store.jobs.claim(kinds, this.owner, now, now + this.leaseMs);
        if (claimed?.takenOver) {
          this.metrics.leaseTakenOver('job');
          this.log.info({ job: claimed.id, kind: claimed.kind }, 'job taken over: the node running it let its lease expire');
        }
        job = claimed;
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'cannot claim jobs; will retry');
        return;
      }
      if (!job) return;
      const run: Promise<void> = this.run(job).finally(() => {
        this.active.delete(run);
        this.kick();
      });
      this.active.add(run);
    }
  }

  private async run(job: Job): Promise<void> {
    const signal = this.abort.signal;
    const renew = setInterval(() => {
      void this.store.jobs.renew(job.id, this.owner, Date.now() + this.leaseMs).catch(() => undefined);
    }, Math.max(100, this.leaseMs / 3));
    renew.unref();
    try {
      const outcome = await this.handlers.get(job.kind)!(job, signal);
      if (outcome.done) await this.store.jobs.finish(job.id, this.owner, 'done');
      else await this.store.jobs.retryAt(job.id, this.owner, Date.now() + outcome.retryInMs, outcome.error);
    } catch (err) {
      if (signal.aborted) {
        // The node is stopping: the job goes back to the queue for another node, or for the next start.
        await this.store.jobs.retryAt(job.id, this.owner, Date.now(), 'handed back by a node that stopped').catch(() => undefined);
        return;
      }
      this.log.error({ err, job: job.id, kind: job.kind }, 'job failed; will retry');
      const backoff = Math.min(60_000, 1000 * 2 ** Math.min(6, job.attempts));
      await this.store.jobs.retryAt(job.id, this.owner, Date.now() + backoff, String((err as Error)?.message ?? err)).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }
}
