import type { Store } from '../store/store.js';
import type { CapturedMessage } from '../store/records.js';

/** What a tenant asks of its captured messages. */
export interface OutboxFilter {
  to?: string | undefined;
  contactId?: string | undefined;
  channel?: 'email' | 'sms' | undefined;
  /** Contacts whose messages are left out (the caller may not read them). */
  hidden: readonly string[];
  /** Continue after this message. */
  after?: { sentAt: number; id: string } | undefined;
  limit: number;
}

/**
 * A tenant's captured verification messages (ListOutboxMessages): only its own, and only of the channels
 * that capture (a channel with real delivery never shows, also what it captured before it had delivery).
 */
export class OutboxService {
  constructor(
    private readonly store: Store,
    private readonly delivers: (channel: 'email' | 'sms') => boolean,
  ) {}

  /** The tenant's messages, newest first. */
  list(tenant: string, filter: OutboxFilter): Promise<CapturedMessage[]> {
    const channels = (['email', 'sms'] as const).filter((c) => !this.delivers(c) && (filter.channel === undefined || filter.channel === c));
    return this.store.tenantOutbox.list({
      accountId: tenant,
      channels,
      hiddenContacts: filter.hidden,
      limit: filter.limit,
      ...(filter.to !== undefined && { to: filter.to }),
      ...(filter.contactId !== undefined && { contactId: filter.contactId }),
      ...(filter.after !== undefined && { after: filter.after }),
    });
  }

  /** The contacts the tenant has captured messages of. */
  contactIds(tenant: string): Promise<string[]> {
    return this.store.tenantOutbox.contactIds(tenant);
  }
}

/** The wire form of a captured message: the fields of GET /_rdc/outbox, which ListOutboxMessages answers too. */
export function outboxMessageBody(m: CapturedMessage): Record<string, unknown> {
  return {
    Id: m.id,
    Channel: m.channel,
    To: m.to,
    Subject: m.subject,
    Text: m.text,
    Link: m.link,
    Code: m.code,
    ContactId: m.contactId,
    SentAt: new Date(m.sentAt).toISOString(),
    // The published message (PublishMessage) this mail or SMS belongs to; null for a verification message.
    MessageId: m.messageId,
  };
}
