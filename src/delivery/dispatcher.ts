import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { Job } from '../store/records.js';
import type { OutboxMessage } from '../store/records.js';
import type { JobOutcome, JobRunner } from '../jobs/runner.js';
import type { Delivery, Transport, VerificationMessage } from './delivery.js';
import type { DeliveryMetrics } from '../metrics/metrics.js';

export const DELIVERY_JOB = 'deliver-message';

/** Attempts before a message is given up (about an hour and a half with the back-off below). */
export const MAX_DELIVERY_ATTEMPTS = 20;

/** Back-off after the n-th failed attempt: 1 s, 2 s, 4 s … at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, Math.min(attempts - 1, 9)));
}

/**
 * Sends verification messages. A channel without a transport captures its messages in the store (the
 * outbox, GET /_rdc/outbox). A channel with one (SMTP, an SMS provider) queues the message and a durable
 * job in one transaction, so an accepted send is never lost: the job delivers it, retrying with back-off
 * while the server or provider is down, on whichever node claims it, and marks it sent exactly once.
 */
export class MessageDispatcher implements Delivery {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobRunner,
    private readonly transports: Partial<Record<'email' | 'sms', Transport>>,
    private readonly log: Logger,
    private readonly metrics: DeliveryMetrics,
    private readonly options: { maxAttempts?: number; keepCaptured?: boolean } = {},
  ) {
    jobs.register(DELIVERY_JOB, (job) => this.runJob(job));
  }

  /** True when `channel` has a real transport (its messages are not captured). */
  delivers(channel: 'email' | 'sms'): boolean {
    return this.transports[channel] !== undefined;
  }

  async send(m: VerificationMessage): Promise<void> {
    const transport = this.transports[m.channel];
    const row: OutboxMessage = {
      id: m.Id,
      channel: m.channel,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html ?? null,
      link: m.link,
      code: m.code ?? null,
      contactId: m.contactId,
      accountId: m.accountId,
      sentAt: Date.now(),
      state: transport ? 'queued' : 'captured',
      attempts: 0,
      lastError: null,
      deliveredAt: null,
      messageId: null,
    };
    if (!transport) {
      // Without the outbox endpoint nobody may read a captured message: its link and code are not kept.
      const kept = this.options.keepCaptured ?? true;
      await this.store.outbox.insert(kept ? row : { ...row, text: '', html: null, link: '', code: null });
      this.log.info({ message: row.id, channel: row.channel, contactId: row.contactId }, kept ? 'verification message captured in the outbox' : 'verification message captured without its link (RDC_OUTBOX=false)');
      return;
    }
    await this.store.transaction(async (tx) => {
      await tx.outbox.insert(row);
      await this.jobs.enqueue(DELIVERY_JOB, row.id, {}, tx);
    });
    this.log.info({ message: row.id, channel: row.channel, contactId: row.contactId, transport: transport.name }, 'verification message queued');
    this.jobs.kick();
  }

  private async runJob(job: Job): Promise<JobOutcome> {
    const row = await this.store.outbox.find(job.subject);
    // Delivered or given up already (a job claimed again after its node died): nothing to do twice.
    if (!row || row.state !== 'queued') return { done: true };
    const transport = this.transports[row.channel];
    if (!transport) {
      await this.store.outbox.markAttemptFailed(row.id, `no ${row.channel} transport is configured any more`, true);
      this.log.error({ message: row.id, channel: row.channel }, 'verification message failed: its channel has no transport any more');
      return { done: true };
    }
    const log = { message: row.id, channel: row.channel, contactId: row.contactId, transport: transport.name, attempt: row.attempts + 1 };
    try {
      this.metrics.deliveryAttempted(row.channel);
      await transport.deliver(row);
    } catch (err) {
      this.metrics.deliveryFailed(row.channel);
      const error = (err as Error)?.message ?? String(err);
      const attempts = row.attempts + 1;
      const giveUp = attempts >= (this.options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS);
      await this.store.outbox.markAttemptFailed(row.id, error, giveUp);
      if (giveUp) {
        this.log.error({ ...log, error }, 'verification message failed: giving up');
        return { done: true };
      }
      const retryInMs = retryDelayMs(attempts);
      this.log.warn({ ...log, error, retryInMs }, 'verification message not delivered; will retry');
      return { done: false, retryInMs, error };
    }
    await this.store.outbox.markSent(row.id, Date.now());
    this.log.info(log, 'verification message delivered');
    return { done: true };
  }

  close(): void {
    for (const t of Object.values(this.transports)) t?.close?.();
  }
}
