import { sql, type Kysely } from 'kysely';

/**
 * Each verification message names the tenant (management account) it was sent for, so a tenant reads its
 * own captured messages (ListOutboxMessages) and no other's, also after the contact is gone. Rows from
 * before take the tenant of their contact's directory; a row whose contact is gone already stays without one
 * (no tenant lists it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('account_id', 'varchar(16)').execute();
  await sql`update outbox set account_id = (select d.account_id from contacts c join directories d on d.id = c.directory_id where c.id = outbox.contact_id)`.execute(db);
  await db.schema.createIndex('outbox_account').on('outbox').columns(['account_id', 'state', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_account').execute();
  await db.schema.alterTable('outbox').dropColumn('account_id').execute();
}
