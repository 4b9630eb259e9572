import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import { NOTICE_JOB } from '../delivery/notice-delivery.js';
import { shownUrl } from '../delivery/webhooks.js';
import type { JobRunner } from '../jobs/runner.js';
import type { AccountScope, DeliveryRecord, MessageAccountRecord, MessageFilter, MessageRecord, RecipientRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';
import { base62 } from '../ids.js';
import { scopeOfTarget } from './recipients.js';

/**
 * The accounts a notice names to a recipient, by ID with display names; it says how many more it covers and
 * that GetMessage lists them all. (Naming all of 100,000 accounts made every email of a directory-wide notice
 * several megabytes, and its composition linear in the directory.)
 */
export const NAMED_ACCOUNTS = 50;

/** How long a ClientToken answers with its first message. */
export const CLIENT_TOKEN_TTL_MS = 24 * 3600_000;

export interface PublishInput {
  messageType: string;
  subject: string;
  content: string;
  targetId: string;
  clientToken?: string;
}

export interface PublishResult {
  messageId: string;
  accountCount: number;
  recipientCount: number;
}

export interface MessageDetail {
  message: MessageRecord;
  accounts: MessageAccountRecord[];
  deliveries: DeliveryRecord[];
}

export interface MessageOptions {
  /** RDC_MESSAGE_DAILY_LIMIT: deliveries per recipient, channel and UTC day. */
  dailyLimit: number;
}

/**
 * Publishing notices: PublishMessage resolves the recipients of the target's accounts per binding, never per
 * account (their routes, then how many accounts each covers, from the account counts the target's folders
 * keep, and NAMED_ACCOUNTS of them); then, in one transaction, records the directory's placement sequence (its
 * accounts are the placements open at it below the target: nothing is written per account) and the accounts
 * nobody receives the type for, unless a recipient obviously covers them all; stores the message, its
 * recipients and one delivery per (recipient, channel) and per subscribed webhook, with a durable job per
 * delivery; it answers at once and the jobs send (NoticeDelivery). A recipient covering many of the accounts
 * gets one email and one SMS naming them (up to NAMED_ACCOUNTS). Deliveries past the recipient's daily limit
 * are recorded Suppressed.
 */
export class MessageService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobRunner,
    private readonly log: Logger,
    private readonly options: MessageOptions,
  ) {}

  async publish(rd: ResourceDirectory, tenant: string, input: PublishInput): Promise<PublishResult> {
    const now = Date.now();
    if (input.clientToken !== undefined) {
      const prior = await this.store.messages.findByToken(tenant, input.clientToken);
      if (prior && prior.createdAt > now - CLIENT_TOKEN_TTL_MS) return resultOf(prior);
      if (prior) await this.store.messages.releaseToken(prior.id);
    }
    const scope = await scopeOfTarget(this.store, rd, input.targetId);
    const targetPath = scope.kind === 'account' ? null : ((await this.store.folders.pathOf(scope.kind === 'folder' ? scope.folderId : rd.rootFolderId)) ?? null);
    if (scope.kind !== 'account' && targetPath === null) throw new ApiError('EntityNotExists.Target');
    // The placements as the tally counts them: unchanged if the sequence is still this one in the transaction.
    const countedAt = await this.store.placements.sequence(rd.id);
    const [resolved, webhooks] = await Promise.all([this.store.recipients.recipients(rd.id, scope, input.messageType), this.store.webhooks.list(tenant)]);
    const tally = await this.store.recipients.tally(rd.id, scope);
    const recipients: RecipientRecord[] = [];
    for (const r of resolved) recipients.push({ ...r, ...(await this.store.recipients.coverage(tally, r.via, NAMED_ACCOUNTS)) });
    const message: MessageRecord = {
      id: 'm-' + base62(16),
      tenant,
      directoryId: rd.id,
      messageType: input.messageType,
      subject: input.subject,
      content: input.content,
      targetId: input.targetId,
      clientToken: input.clientToken ?? null,
      // Both set in the transaction.
      accountCount: 0,
      recipientCount: recipients.length,
      createdAt: now,
      placementSeq: null,
      targetPath,
    };
    const queued = (channel: DeliveryRecord['channel'], to: string, contactId: string | null, webhookId: string | null): DeliveryRecord => ({
      id: 'md-' + base62(20),
      messageId: message.id,
      channel,
      to,
      contactId,
      webhookId,
      state: 'Queued',
      attempts: 0,
      lastError: null,
      sentAt: null,
      createdAt: now,
    });
    const personal = recipients.flatMap((r) => [
      ...(r.email !== '' ? [queued('email', r.email, r.contactId, null)] : []),
      ...(r.phone !== '' ? [queued('sms', r.phone, r.contactId, null)] : []),
    ]);
    const hooks = webhooks.filter((w) => w.messageTypes.includes(input.messageType)).map((w) => queued('webhook', shownUrl(w.url), null, w.id));
    const day = new Date(now).toISOString().slice(0, 10);
    try {
      await this.store.transaction(async (tx) => {
        for (const d of personal) {
          if (!(await tx.messages.reserveSend(d.channel as 'email' | 'sms', d.to, day, this.options.dailyLimit))) {
            d.state = 'Suppressed';
            d.lastError = `daily limit reached: ${this.options.dailyLimit} notices to this recipient over ${d.channel} on ${day} (UTC, RDC_MESSAGE_DAILY_LIMIT)`;
          }
        }
        const deliveries = [...personal, ...hooks];
        // The message's accounts are the placements open at this sequence: none is written per account.
        message.placementSeq = await tx.placements.sequence(rd.id);
        message.accountCount = message.placementSeq === countedAt ? [...tally.perFolder.values()].reduce((a, b) => a + b, 0) : await tx.messages.countAccounts(message);
        if (!coversWholeTarget(recipients, scope, targetPath)) await tx.messages.recordUncovered(message);
        await tx.messages.insert(message, recipients, deliveries);
        for (const d of deliveries) if (d.state === 'Queued') await this.jobs.enqueue(NOTICE_JOB, d.id, {}, tx, now);
      });
    } catch (err) {
      // The same ClientToken published at the same moment by another call: that call's message is the answer.
      const raced = input.clientToken === undefined ? undefined : await this.store.messages.findByToken(tenant, input.clientToken);
      if (raced) return resultOf(raced);
      throw err;
    }
    this.log.info({ message: message.id, tenant, type: message.messageType, accounts: message.accountCount, recipients: recipients.length, webhooks: hooks.length }, 'message published');
    this.jobs.kick();
    return resultOf(message);
  }

  /** GetMessage: a message of the tenant with its accounts and delivery log (404 for any other). */
  async get(tenant: string, messageId: string): Promise<MessageDetail> {
    const message = await this.store.messages.find(tenant, messageId);
    if (!message) throw new ApiError('EntityNotExists.Message');
    const [accounts, deliveries] = await Promise.all([this.store.messages.accountsOf(message), this.store.messages.deliveriesOf(message.id)]);
    return { message, accounts, deliveries };
  }

  /** ListMessages: one page of the tenant's messages, newest first. */
  list(filter: MessageFilter, pageNumber: number, pageSize: number): Promise<{ rows: MessageRecord[]; total: number }> {
    return this.store.messages.list(filter, (pageNumber - 1) * pageSize, pageSize);
  }
}

/**
 * True when the recipients obviously receive the type for every account of the target, so no account of it
 * needs to be looked at: one was resolved for the target account itself, or one is reached through the
 * directory or a folder at or above the target folder (its ID is in the target's path).
 */
function coversWholeTarget(recipients: readonly RecipientRecord[], scope: AccountScope, targetPath: string | null): boolean {
  if (scope.kind === 'account') return recipients.length > 0;
  return recipients.some((r) => r.via.some((v) => v.type === 'ResourceDirectory' || (v.type === 'Folder' && targetPath !== null && targetPath.includes(`/${v.id}/`))));
}

function resultOf(m: MessageRecord): PublishResult {
  return { messageId: m.id, accountCount: m.accountCount, recipientCount: m.recipientCount };
}
