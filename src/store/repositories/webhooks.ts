import type { Kysely } from 'kysely';
import type { Database, MessageWebhookTable } from '../schema.js';
import type { AlertmanagerReceiverRecord, WebhookRecord } from '../records.js';

/** Message webhooks of tenants, and the Alertmanager receivers whose bearer tokens (hashed) publish for them. */
export class WebhookRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(w: WebhookRecord): Promise<void> {
    await this.db
      .insertInto('message_webhooks')
      .values({ id: w.id, tenant: w.tenant, url: w.url, format: w.format, secret: w.secret, message_types: JSON.stringify(w.messageTypes), created_at: w.createdAt })
      .execute();
  }

  async find(tenant: string, id: string): Promise<WebhookRecord | undefined> {
    const row = await this.db.selectFrom('message_webhooks').selectAll().where('id', '=', id).where('tenant', '=', tenant).executeTakeFirst();
    return row && webhookOf(row);
  }

  async findById(id: string): Promise<WebhookRecord | undefined> {
    const row = await this.db.selectFrom('message_webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return row && webhookOf(row);
  }

  /** A tenant's webhooks, oldest first. */
  async list(tenant: string): Promise<WebhookRecord[]> {
    const rows = await this.db.selectFrom('message_webhooks').selectAll().where('tenant', '=', tenant).orderBy('created_at').orderBy('id').execute();
    return rows.map(webhookOf);
  }

  async count(tenant: string): Promise<number> {
    const row = await this.db.selectFrom('message_webhooks').select((eb) => eb.fn.countAll().as('n')).where('tenant', '=', tenant).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** False when there was no such webhook of the tenant. */
  async remove(tenant: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('message_webhooks').where('id', '=', id).where('tenant', '=', tenant).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async insertReceiver(r: AlertmanagerReceiverRecord): Promise<void> {
    await this.db.insertInto('alertmanager_receivers').values({ id: r.id, tenant: r.tenant, token_hash: r.tokenHash, created_at: r.createdAt }).execute();
  }

  async receiverByTokenHash(tokenHash: string): Promise<AlertmanagerReceiverRecord | undefined> {
    const row = await this.db.selectFrom('alertmanager_receivers').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { id: row.id, tenant: row.tenant, tokenHash: row.token_hash, createdAt: Number(row.created_at) };
  }
}

function webhookOf(r: MessageWebhookTable): WebhookRecord {
  return { id: r.id, tenant: r.tenant, url: r.url, format: r.format, secret: r.secret, messageTypes: JSON.parse(r.message_types) as string[], createdAt: Number(r.created_at) };
}
