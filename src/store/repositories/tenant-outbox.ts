import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { CapturedMessage, Channel } from '../records.js';
import { toMessage } from './outbox.js';

export interface TenantOutboxQuery {
  accountId: string;
  /** Only these channels (those without real delivery). */
  channels: readonly Channel[];
  /** Only messages to this address or number. */
  to?: string;
  /** Only messages of this contact. */
  contactId?: string;
  /** Messages of these contacts are left out (the caller may not read them). */
  hiddenContacts?: readonly string[];
  /** Continue after this message (the last of the previous page). */
  after?: { sentAt: number; id: string };
  limit: number;
}

/** The captured messages of one tenant (ListOutboxMessages): never another tenant's. */
export class TenantOutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The tenant's captured messages, newest first. */
  async list(q: TenantOutboxQuery): Promise<CapturedMessage[]> {
    if (q.channels.length === 0) return [];
    let query = this.db.selectFrom('outbox').selectAll().where('account_id', '=', q.accountId).where('state', '=', 'captured').where('channel', 'in', [...q.channels]);
    if (q.to !== undefined) query = query.where('to', '=', q.to);
    if (q.contactId !== undefined) query = query.where('contact_id', '=', q.contactId);
    if (q.hiddenContacts !== undefined && q.hiddenContacts.length > 0) query = query.where('contact_id', 'not in', [...q.hiddenContacts]);
    const after = q.after;
    if (after !== undefined) {
      query = query.where((eb) => eb.or([eb('sent_at', '<', after.sentAt), eb.and([eb('sent_at', '=', after.sentAt), eb('id', '<', after.id)])]));
    }
    const rows = await query.orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map(toMessage);
  }

  /** The contacts the tenant has captured messages of (to decide, per contact, what a caller may read). */
  async contactIds(accountId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('outbox').select('contact_id').distinct().where('account_id', '=', accountId).where('state', '=', 'captured').execute();
    return rows.map((r) => r.contact_id);
  }
}
