import type { Store } from '../store/store.js';
import type { Delivery, VerificationMessage } from './delivery.js';

/** Delivers by recording the message in the store's outbox, where people and tests read it. */
export class OutboxDelivery implements Delivery {
  constructor(private readonly store: Store) {}

  async send(m: VerificationMessage): Promise<void> {
    await this.store.outbox.insert({
      id: m.Id,
      channel: m.channel,
      to: m.to,
      subject: m.subject,
      text: m.text,
      link: m.link,
      code: m.code ?? null,
      contact_id: m.contactId,
      sent_at: Date.now(),
    });
  }
}
