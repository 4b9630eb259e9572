import type { Logger } from 'pino';
import type { Job } from '../store/records.js';
import type { DeliveryRecord, MessageRecord, RecipientRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { JobOutcome, JobRunner } from '../jobs/runner.js';
import type { OutgoingMessage, Transport } from './delivery.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './dispatcher.js';
import type { DeliveryMetrics } from '../metrics/metrics.js';
import { noticeValues, type NoticeTemplates } from './notice-templates.js';
import { sendWebhook, webhookRequest, type NoticePayload } from './webhooks.js';

export const NOTICE_JOB = 'deliver-notice';

export interface NoticeDeliveryOptions {
  /** RDC_OUTBOX: whether captured messages keep their text for GET /_rdc/outbox. */
  keepCaptured: boolean;
  webhookTimeoutMs: number;
  maxAttempts?: number;
}

/**
 * Sends the deliveries of published notices, one durable job each (queued with the message, in its
 * transaction): an email or SMS to a recipient through the real transport of its channel, or captured in
 * the outbox when the channel has none; a POST to a webhook. A failed attempt is retried with back-off on
 * whichever node claims the job; a delivery is marked Sent once, by a conditional update, and a job that
 * finds its delivery no longer Queued does nothing, so a Sent delivery is never sent again. (A node that
 * dies between the send and the mark makes the next claim send that one delivery again.)
 */
export class NoticeDelivery {
  constructor(
    private readonly store: Store,
    jobs: JobRunner,
    private readonly transports: Partial<Record<'email' | 'sms', Transport>>,
    private readonly templates: NoticeTemplates,
    private readonly log: Logger,
    private readonly metrics: DeliveryMetrics,
    private readonly options: NoticeDeliveryOptions,
  ) {
    jobs.register(NOTICE_JOB, (job) => this.runJob(job));
  }

  private async runJob(job: Job): Promise<JobOutcome> {
    const delivery = await this.store.messages.delivery(job.subject);
    if (!delivery || delivery.state !== 'Queued') return { done: true };
    const message = await this.store.messages.findById(delivery.messageId);
    if (!message) return { done: true };
    const log = { message: message.id, delivery: delivery.id, channel: delivery.channel, attempt: delivery.attempts + 1 };
    // Set once a send through a real transport or to a webhook starts: only those count as attempts.
    let attempted = false;
    try {
      if (delivery.channel === 'webhook') {
        const webhook = delivery.webhookId === null ? undefined : await this.store.webhooks.findById(delivery.webhookId);
        if (!webhook) {
          await this.store.messages.markAttemptFailed(delivery.id, 'the webhook was deleted', true);
          return { done: true };
        }
        this.metrics.deliveryAttempted('webhook');
        attempted = true;
        await sendWebhook(webhook.format, webhookRequest(webhook, await this.payloadOf(message), delivery.id, Date.now()), this.options.webhookTimeoutMs);
      } else {
        const outgoing = await this.compose(message, delivery);
        const transport = this.transports[delivery.channel];
        if (!transport) {
          await this.capture(message, delivery, outgoing);
          this.log.info(log, 'notice captured in the outbox');
          return { done: true };
        }
        if (transport.templateOnly) {
          // Its one approved template is the verification code's: a notice cannot go out through it.
          await this.store.messages.markAttemptFailed(delivery.id, `the ${transport.name} SMS provider sends only its approved verification template; notices need RDC_SMS_PROVIDER=webhook`, true);
          return { done: true };
        }
        this.metrics.deliveryAttempted(delivery.channel);
        attempted = true;
        await transport.deliver(outgoing);
      }
    } catch (err) {
      if (attempted) this.metrics.deliveryFailed(delivery.channel);
      const error = (err as Error)?.message ?? String(err);
      const attempts = delivery.attempts + 1;
      const giveUp = attempts >= (this.options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS);
      await this.store.messages.markAttemptFailed(delivery.id, error, giveUp);
      if (giveUp) {
        this.log.error({ ...log, error }, 'notice delivery failed: giving up');
        return { done: true };
      }
      const retryInMs = retryDelayMs(attempts);
      this.log.warn({ ...log, error, retryInMs }, 'notice not delivered; will retry');
      return { done: false, retryInMs, error };
    }
    await this.store.messages.markSent(delivery.id, Date.now());
    this.log.info(log, 'notice delivered');
    return { done: true };
  }

  /** The email or SMS of one recipient, naming the first accounts of the message it covers (stored with it) and how many there are. */
  private async compose(message: MessageRecord, delivery: DeliveryRecord): Promise<OutgoingMessage> {
    const recipient = await this.store.messages.recipient(message.id, delivery.contactId ?? '');
    if (!recipient) throw new Error(`recipient ${delivery.contactId} of message ${message.id} is not recorded`);
    const values = noticeValues(message, recipient.name, recipient.accounts, recipient.accountCount);
    const base = { id: delivery.id, channel: delivery.channel as 'email' | 'sms', to: delivery.to, link: '', code: null };
    if (delivery.channel === 'sms') return { ...base, subject: message.subject, text: this.templates.sms(values), html: null };
    return { ...base, ...this.templates.email(values) };
  }

  /** A channel without a transport: the notice goes to the outbox and the delivery is Sent, together. */
  private async capture(message: MessageRecord, delivery: DeliveryRecord, m: OutgoingMessage): Promise<void> {
    const kept = this.options.keepCaptured;
    await this.store.transaction(async (tx) => {
      if (!(await tx.messages.markSent(delivery.id, Date.now()))) return;
      await tx.outbox.insert({
        id: delivery.id,
        channel: m.channel,
        to: m.to,
        subject: m.subject,
        text: kept ? m.text : '',
        html: kept ? m.html : null,
        link: '',
        code: null,
        contactId: delivery.contactId ?? '',
        // The tenant whose ListOutboxMessages shows it: the management account that published it.
        accountId: message.tenant,
        sentAt: Date.now(),
        state: 'captured',
        attempts: 0,
        lastError: null,
        deliveredAt: null,
        messageId: message.id,
      });
    });
  }

  /**
   * Every account of the message, and every recipient with the accounts it covered: those its routes reach, from
   * the folder each account was in (folders never move, so the closure still tells which are below a bound one).
   */
  private async payloadOf(message: MessageRecord): Promise<NoticePayload> {
    const [accounts, recipients] = await Promise.all([this.store.messages.accountsOf(message), this.store.messages.recipientsOf(message.id)]);
    const reached = async (via: RecipientRecord['via']): Promise<string[]> => {
      if (via.some((v) => v.type === 'ResourceDirectory')) return accounts.map((a) => a.accountId);
      const folders = await this.store.folders.subtreeIds(via.filter((v) => v.type === 'Folder').map((v) => v.id));
      const ids = new Set(via.filter((v) => v.type === 'Account' || v.type === 'Retained').map((v) => v.id));
      return accounts.filter((a) => ids.has(a.accountId) || folders.has(a.folderId)).map((a) => a.accountId);
    };
    const listed = [];
    for (const r of recipients) listed.push({ ContactId: r.contactId, Name: r.name, Title: r.title, EmailAddress: r.email, PhoneNumber: r.phone, AccountIds: await reached(r.via) });
    return {
      MessageId: message.id,
      MessageType: message.messageType,
      Subject: message.subject,
      Content: message.content,
      TargetId: message.targetId,
      CreateTime: new Date(message.createdAt).toISOString(),
      Accounts: accounts.map((a) => ({ AccountId: a.accountId, DisplayName: a.displayName, Covered: a.covered })),
      Recipients: listed,
    };
  }
}
