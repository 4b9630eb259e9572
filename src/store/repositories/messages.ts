import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, MessageDeliveryTable, MessageRecipientTable, MessageTable } from '../schema.js';
import type { DeliveryRecord, MessageAccountRecord, MessageFilter, MessageRecord, RecipientRecord } from '../records.js';
import { uncoveredFilter } from './account-scope.js';

/** Rows per INSERT: well under SQLite's bound-variable limit for the widest row here. */
const CHUNK = 500;

/** Published notices, the accounts and recipients they concerned, their delivery log and per-recipient daily counters. */
export class MessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * How many accounts the message concerned: its placements open at its sequence within its target (call in
   * its transaction, when the accounts counted before it may have changed since).
   */
  async countAccounts(message: MessageRecord): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from account_placements p where ${placedFor(message)}`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Records the accounts of the message that nobody receives its type for, each with its display name and
   * folder as of its sequence, in one INSERT … SELECT over its placements (inside the database; the caller
   * skips it when its recipients obviously cover the whole target). Call inside its transaction.
   */
  async recordUncovered(message: MessageRecord): Promise<void> {
    const placement = { id: sql.ref('p.account_id'), folderId: sql.ref('p.folder_id') };
    await sql`
      insert into message_accounts (message_id, account_id, display_name, folder_id, covered)
      select ${message.id}, p.account_id, p.display_name, p.folder_id, 0
        from account_placements p where ${placedFor(message)} and ${uncoveredFilter(message.directoryId, message.messageType, placement)}`.execute(this.db);
  }

  /** Stores a message with its recipients and deliveries (call inside a transaction, with recordUncovered). */
  async insert(message: MessageRecord, recipients: readonly RecipientRecord[], deliveries: readonly DeliveryRecord[]): Promise<void> {
    await this.db.insertInto('messages').values(messageRow(message)).execute();
    const recipientRows: MessageRecipientTable[] = recipients.map((r) => ({
      message_id: message.id,
      contact_id: r.contactId,
      name: r.name,
      title: r.title,
      email: r.email,
      phone: r.phone,
      via: JSON.stringify(r.via),
      account_count: r.accountCount,
      accounts: JSON.stringify(r.accounts),
    }));
    for (let i = 0; i < recipientRows.length; i += CHUNK) await this.db.insertInto('message_recipients').values(recipientRows.slice(i, i + CHUNK)).execute();
    const deliveryRows = deliveries.map(deliveryRow);
    for (let i = 0; i < deliveryRows.length; i += CHUNK) await this.db.insertInto('message_deliveries').values(deliveryRows.slice(i, i + CHUNK)).execute();
  }

  async find(tenant: string, id: string): Promise<MessageRecord | undefined> {
    const row = await this.db.selectFrom('messages').selectAll().where('id', '=', id).where('tenant', '=', tenant).executeTakeFirst();
    return row && messageOf(row);
  }

  async findById(id: string): Promise<MessageRecord | undefined> {
    const row = await this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row && messageOf(row);
  }

  async findByToken(tenant: string, clientToken: string): Promise<MessageRecord | undefined> {
    const row = await this.db.selectFrom('messages').selectAll().where('tenant', '=', tenant).where('client_token', '=', clientToken).executeTakeFirst();
    return row && messageOf(row);
  }

  /** Frees a ClientToken whose 24 hours have passed, for a new message. */
  async releaseToken(id: string): Promise<void> {
    await this.db.updateTable('messages').set({ client_token: null }).where('id', '=', id).execute();
  }

  /**
   * The accounts of a message, by ID, as of its publishing: its placements open at its sequence within its
   * target, covered unless recorded uncovered (a message from before 015: the accounts recorded with it).
   */
  async accountsOf(message: MessageRecord): Promise<MessageAccountRecord[]> {
    if (message.placementSeq === null) return this.recordedAccountsOf(message.id);
    const { rows } = await sql<{ account_id: string; display_name: string; folder_id: string; uncovered: string | null }>`
      select p.account_id, p.display_name, p.folder_id, u.account_id as uncovered
        from account_placements p left join message_accounts u on u.message_id = ${message.id} and u.account_id = p.account_id
       where ${placedFor(message)} order by p.account_id`.execute(this.db);
    return rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, folderId: r.folder_id, covered: r.uncovered === null }));
  }

  /** The accounts recorded with a message: every one before migration 015, the uncovered ones since. */
  async recordedAccountsOf(messageId: string): Promise<MessageAccountRecord[]> {
    const rows = await this.db.selectFrom('message_accounts').select(['account_id', 'display_name', 'folder_id', 'covered']).where('message_id', '=', messageId).orderBy('account_id').execute();
    return rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, folderId: r.folder_id, covered: Number(r.covered) === 1 }));
  }

  async recipientsOf(messageId: string): Promise<RecipientRecord[]> {
    const rows = await this.db.selectFrom('message_recipients').selectAll().where('message_id', '=', messageId).orderBy('contact_id').execute();
    return rows.map(recipientOf);
  }

  async recipient(messageId: string, contactId: string): Promise<RecipientRecord | undefined> {
    const row = await this.db.selectFrom('message_recipients').selectAll().where('message_id', '=', messageId).where('contact_id', '=', contactId).executeTakeFirst();
    return row && recipientOf(row);
  }

  /** How many deliveries of a message are still Queued: a count on the message's index, whatever its size. */
  async queuedCount(messageId: string): Promise<number> {
    const row = await this.db.selectFrom('message_deliveries').select((eb) => eb.fn.countAll().as('n')).where('message_id', '=', messageId).where('state', '=', 'Queued').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deliveriesOf(messageId: string): Promise<DeliveryRecord[]> {
    const rows = await this.db.selectFrom('message_deliveries').selectAll().where('message_id', '=', messageId).orderBy('created_at').orderBy('id').execute();
    return rows.map(deliveryOf);
  }

  async delivery(id: string): Promise<DeliveryRecord | undefined> {
    const row = await this.db.selectFrom('message_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row && deliveryOf(row);
  }

  /** Marks a queued delivery Sent; false when it was not queued (sent or given up already), so it never counts twice. */
  async markSent(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('message_deliveries')
      .set((eb) => ({ state: 'Sent', sent_at: now, attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', id)
      .where('state', '=', 'Queued')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records a failed attempt; `giveUp` marks the delivery Failed. */
  async markAttemptFailed(id: string, error: string, giveUp: boolean): Promise<void> {
    await this.db
      .updateTable('message_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), ...(giveUp ? { state: 'Failed' as const } : {}) }))
      .where('id', '=', id)
      .where('state', '=', 'Queued')
      .execute();
  }

  /** One page of a tenant's messages, newest first, and how many match. */
  async list(filter: MessageFilter, offset: number, limit: number): Promise<{ rows: MessageRecord[]; total: number }> {
    let q = this.db.selectFrom('messages').where('tenant', '=', filter.tenant);
    if (filter.messageType !== undefined) q = q.where('message_type', '=', filter.messageType);
    if (filter.accountId !== undefined) {
      const accountId = filter.accountId;
      // One primary-key probe per message of the tenant: into the account's placements (a handful per account),
      // or for a message from before 015 into its recorded accounts (no index by account: migration 014).
      q = q.where(sql<SqlBool>`(
        (messages.placement_seq is null and exists (select 1 from message_accounts ma where ma.message_id = messages.id and ma.account_id = ${accountId}))
        or exists (select 1 from account_placements p
                    where p.account_id = ${accountId} and p.directory_id = messages.directory_id
                      and p.since_seq <= messages.placement_seq and (p.until_seq is null or p.until_seq > messages.placement_seq)
                      and ((messages.target_path is null and p.account_id = messages.target_id)
                           or substr(p.folder_path, 1, length(messages.target_path)) = messages.target_path)))`);
    }
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { rows: rows.map(messageOf), total: Number(count.n) };
  }

  /**
   * Reserves one of the day's sends to a recipient over a channel; false when `limit` are used. A
   * conditional update, so publishes on any number of nodes never exceed the limit.
   */
  async reserveSend(channel: 'email' | 'sms', to: string, day: string, limit: number): Promise<boolean> {
    await this.db.insertInto('message_sends').values({ channel, to, day, count: 0 }).onConflict((oc) => oc.columns(['channel', 'to', 'day']).doNothing()).execute();
    const r = await this.db
      .updateTable('message_sends')
      .set((eb) => ({ count: eb('count', '+', 1) }))
      .where('channel', '=', channel)
      .where('to', '=', to)
      .where('day', '=', day)
      .where('count', '<', limit)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

/**
 * `account_placements p` holds the message's accounts: open at its sequence, in its directory, and the target
 * account or below the target folder (a prefix of the folder's path: true of every placement for the Root).
 */
function placedFor(message: MessageRecord): RawBuilder<unknown> {
  const seq = message.placementSeq;
  const target = message.targetPath === null ? sql`p.account_id = ${message.targetId}` : sql`substr(p.folder_path, 1, ${message.targetPath.length}) = ${message.targetPath}`;
  return sql`p.directory_id = ${message.directoryId} and p.since_seq <= ${seq} and (p.until_seq is null or p.until_seq > ${seq}) and ${target}`;
}

function messageRow(m: MessageRecord): MessageTable {
  return {
    id: m.id,
    tenant: m.tenant,
    directory_id: m.directoryId,
    message_type: m.messageType,
    subject: m.subject,
    content: m.content,
    target_id: m.targetId,
    client_token: m.clientToken,
    account_count: m.accountCount,
    recipient_count: m.recipientCount,
    created_at: m.createdAt,
    placement_seq: m.placementSeq,
    target_path: m.targetPath,
  };
}

function messageOf(r: MessageTable): MessageRecord {
  return {
    id: r.id,
    tenant: r.tenant,
    directoryId: r.directory_id,
    messageType: r.message_type,
    subject: r.subject,
    content: r.content,
    targetId: r.target_id,
    clientToken: r.client_token,
    accountCount: Number(r.account_count),
    recipientCount: Number(r.recipient_count),
    createdAt: Number(r.created_at),
    placementSeq: r.placement_seq === null ? null : Number(r.placement_seq),
    targetPath: r.target_path,
  };
}

function recipientOf(r: MessageRecipientTable): RecipientRecord {
  return {
    contactId: r.contact_id,
    name: r.name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    via: JSON.parse(r.via) as RecipientRecord['via'],
    accountCount: Number(r.account_count),
    accounts: JSON.parse(r.accounts) as RecipientRecord['accounts'],
  };
}

function deliveryRow(d: DeliveryRecord): MessageDeliveryTable {
  return {
    id: d.id,
    message_id: d.messageId,
    channel: d.channel,
    to: d.to,
    contact_id: d.contactId,
    webhook_id: d.webhookId,
    state: d.state,
    attempts: d.attempts,
    last_error: d.lastError,
    sent_at: d.sentAt,
    created_at: d.createdAt,
  };
}

function deliveryOf(r: MessageDeliveryTable): DeliveryRecord {
  return {
    id: r.id,
    messageId: r.message_id,
    channel: r.channel,
    to: r.to,
    contactId: r.contact_id,
    webhookId: r.webhook_id,
    state: r.state,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    sentAt: r.sent_at === null ? null : Number(r.sent_at),
    createdAt: Number(r.created_at),
  };
}
