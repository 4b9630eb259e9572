import type { Kysely } from 'kysely';
import type { Database, OutboxTable } from '../schema.js';
import type { Channel, OutboxMessage } from '../records.js';

/** Verification messages: captured ones (the outbox) and the delivery queue of SMTP and SMS providers. */
export class OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(m: OutboxMessage): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({
        id: m.id,
        channel: m.channel,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        link: m.link,
        code: m.code,
        contact_id: m.contactId,
        account_id: m.accountId,
        sent_at: m.sentAt,
        state: m.state,
        attempts: m.attempts,
        last_error: m.lastError,
        delivered_at: m.deliveredAt,
        message_id: m.messageId,
      })
      .execute();
  }

  /** How many messages are kept in each state (the metrics' outbox gauge; the outbox_state_to index). */
  async countByState(): Promise<Array<{ state: OutboxMessage['state']; count: number }>> {
    const rows = await this.db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    return rows.map((r) => ({ state: r.state as OutboxMessage['state'], count: Number(r.n) }));
  }

  async find(id: string): Promise<OutboxMessage | undefined> {
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMessage(row);
  }

  /** The messages, oldest first; only those of one contact when `contactId` is given. */
  async list(contactId?: string, limit = 100): Promise<OutboxMessage[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (contactId !== undefined) q = q.where('contact_id', '=', contactId);
    return (await q.orderBy('sent_at').orderBy('id').limit(limit).execute()).map(toMessage);
  }

  /** The newest `limit` captured messages of `channels` (to one address or number when `to` is given), oldest first. */
  async listCaptured(to: string | undefined, channels: readonly Channel[], limit: number): Promise<OutboxMessage[]> {
    if (channels.length === 0) return [];
    let q = this.db.selectFrom('outbox').selectAll().where('state', '=', 'captured').where('channel', 'in', [...channels]);
    if (to !== undefined) q = q.where('to', '=', to);
    const rows = await q.orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.reverse().map(toMessage);
  }

  /**
   * Marks a queued message delivered. Its link, code and body are dropped: a live token is kept in clear
   * only while the message waits. False when it was not queued (delivered or given up already).
   */
  async markSent(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set((eb) => ({ state: 'sent', delivered_at: now, attempts: eb('attempts', '+', 1), last_error: null, link: '', code: null, text: '', html: null }))
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records a failed attempt; `giveUp` marks the message failed (and drops its secrets). */
  async markAttemptFailed(id: string, error: string, giveUp: boolean): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), ...(giveUp ? { state: 'failed' as const, link: '', code: null, text: '', html: null } : {}) }))
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .execute();
  }
}

/** A row of `outbox` as a record. */
export function toMessage(row: OutboxTable): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    link: row.link,
    code: row.code,
    contactId: row.contact_id,
    accountId: row.account_id,
    sentAt: Number(row.sent_at),
    state: row.state,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    messageId: row.message_id,
  };
}
