import type { Kysely } from 'kysely';

/**
 * Publishing notices (API 2026-12-01): messages, the accounts they concerned, their recipients (each with the
 * accounts it was told about), one delivery per (recipient, channel) or webhook, per-recipient daily send
 * counters, message webhooks and Alertmanager receivers. Captured mail and SMS of a message are outbox rows
 * naming it (`message_id`; null for verification messages).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('tenant', 'varchar(16)', (c) => c.notNull())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('message_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('target_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('client_token', 'varchar(64)')
    .addColumn('account_count', 'integer', (c) => c.notNull())
    .addColumn('recipient_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // NULL tokens never collide (both databases treat NULLs as distinct in a unique index).
  await db.schema.createIndex('messages_client_token').on('messages').columns(['tenant', 'client_token']).unique().execute();
  await db.schema.createIndex('messages_tenant_created').on('messages').columns(['tenant', 'created_at', 'id']).execute();
  await db.schema.createIndex('messages_created').on('messages').columns(['created_at']).execute();

  await db.schema
    .createTable('message_accounts')
    .addColumn('message_id', 'varchar(20)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('covered', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_accounts_pk', ['message_id', 'account_id'])
    .execute();
  await db.schema.createIndex('message_accounts_account').on('message_accounts').columns(['account_id', 'message_id']).execute();

  await db.schema
    .createTable('message_recipients')
    .addColumn('message_id', 'varchar(20)', (c) => c.notNull())
    .addColumn('contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(32)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('account_ids', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_recipients_pk', ['message_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('message_deliveries')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('message_id', 'varchar(20)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('to', 'varchar(1024)', (c) => c.notNull())
    .addColumn('contact_id', 'varchar(32)')
    .addColumn('webhook_id', 'varchar(32)')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_deliveries_message').on('message_deliveries').columns(['message_id']).execute();

  await db.schema
    .createTable('message_sends')
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('to', 'varchar(320)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_sends_pk', ['channel', 'to', 'day'])
    .execute();

  await db.schema
    .createTable('message_webhooks')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('tenant', 'varchar(16)', (c) => c.notNull())
    .addColumn('url', 'varchar(2048)', (c) => c.notNull())
    .addColumn('format', 'varchar(16)', (c) => c.notNull())
    .addColumn('secret', 'varchar(1024)')
    .addColumn('message_types', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_webhooks_tenant').on('message_webhooks').columns(['tenant', 'created_at']).execute();

  await db.schema
    .createTable('alertmanager_receivers')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('tenant', 'varchar(16)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('outbox').addColumn('message_id', 'varchar(20)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('message_id').execute();
  for (const table of ['alertmanager_receivers', 'message_webhooks', 'message_sends', 'message_deliveries', 'message_recipients', 'message_accounts', 'messages']) {
    await db.schema.dropTable(table).execute();
  }
}
