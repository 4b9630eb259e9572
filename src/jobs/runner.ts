import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { Job } from '../store/job-repository.js';
import { base62 } from '../domain/ids.js';

/** What a job handler decides: finished, or try again after `retryInMs`. */
export type JobOutcome = { done: true } | { done: false; retryInMs: number; error: string };

export type JobHandler = (job: Job) => Promise<JobOutcome>;

export interface JobRunnerOptions {
  pollMs?: number;
  leaseMs?: number;
}

/**
 * Runs durable jobs kept in the store. Any node may run any job: a claim is a lease in the store, renewed
 * while the handler works; a node that dies leaves its job to be claimed again when the lease expires.
 */
export class JobRunner {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly pollMs: number;
  private readonly leaseMs: number;

  constructor(private readonly store: Store, private readonly log: Logger, options: JobRunnerOptions = {}) {
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Adds a job (inside the caller's transaction when given one) and wakes the runner. */
  async enqueue(kind: string, subject: string, payload: unknown, tx: Pick<Store, 'jobs'> = this.store, runAt = Date.now()): Promise<string> {
    const id = 'job-' + base62(20);
    await tx.jobs.enqueue({ id, kind, subject, payload: JSON.stringify(payload), run_at: runAt, created_at: Date.now() });
    return id;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs due jobs now instead of at the next poll. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return this.schedule(this.pollMs);
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.pollMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return;
    while (!this.stopped) {
      let job: Job | undefined;
      try {
        const now = Date.now();
        job = await this.store.jobs.claim(kinds, this.owner, now, now + this.leaseMs);
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'cannot claim jobs; will retry');
        return;
      }
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: Job): Promise<void> {
    const renew = setInterval(() => {
      void this.store.jobs.renew(job.id, this.owner, Date.now() + this.leaseMs).catch(() => undefined);
    }, Math.max(1000, this.leaseMs / 3));
    renew.unref();
    try {
      const outcome = await this.handlers.get(job.kind)!(job);
      if (outcome.done) await this.store.jobs.finish(job.id, this.owner, 'done');
      else await this.store.jobs.retryAt(job.id, this.owner, Date.now() + outcome.retryInMs, outcome.error);
    } catch (err) {
      this.log.error({ err, job: job.id, kind: job.kind }, 'job failed; will retry');
      const backoff = Math.min(60_000, 1000 * 2 ** Math.min(6, Number(job.attempts)));
      await this.store.jobs.retryAt(job.id, this.owner, Date.now() + backoff, String((err as Error)?.message ?? err)).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }
}
