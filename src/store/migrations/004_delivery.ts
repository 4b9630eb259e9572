import type { Kysely } from 'kysely';

/**
 * Verification delivery: every message is a row of `outbox`. A message for a channel without a real
 * transport is `captured` (served by GET /_rdc/outbox); one for SMTP or an SMS provider is `queued` until a
 * job delivers it (`sent`) or gives up (`failed`). Rows that existed before are captured messages.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('state', 'varchar(16)', (c) => c.notNull().defaultTo('captured')).execute();
  await db.schema.alterTable('outbox').addColumn('html', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('delivered_at', 'bigint').execute();
  await db.schema.createIndex('outbox_state_to').on('outbox').columns(['state', 'to', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_state_to').execute();
  for (const column of ['delivered_at', 'last_error', 'attempts', 'html', 'state']) await db.schema.alterTable('outbox').dropColumn(column).execute();
}
