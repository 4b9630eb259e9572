import type { Kysely } from 'kysely';

/** Message contacts: contacts, their bindings, pending verifications, tokens, the outbox, retained contacts. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_verified', 'integer', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)')
    .addColumn('phone_verified', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('deletion_status', 'varchar(16)')
    .addColumn('deletion_failures', 'text')
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Names are unique per directory among contacts that exist (a deleted contact's row is gone).
  await db.schema.createIndex('contacts_directory_name').on('contacts').columns(['directory_id', 'name']).unique().execute();
  await db.schema.createIndex('contacts_directory_created').on('contacts').columns(['directory_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('contact_message_types')
    .addColumn('contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('message_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_message_types_pk', ['contact_id', 'message_type'])
    .execute();

  await db.schema
    .createTable('contact_bindings')
    .addColumn('contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('member_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('folder_id', 'varchar(16)')
    .addColumn('account_id', 'varchar(16)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_bindings_pk', ['contact_id', 'member_id'])
    .execute();
  await db.schema.createIndex('contact_bindings_folder').on('contact_bindings').columns(['folder_id', 'contact_id']).execute();
  await db.schema.createIndex('contact_bindings_account').on('contact_bindings').columns(['account_id', 'contact_id']).execute();
  await db.schema.createIndex('contact_bindings_member').on('contact_bindings').columns(['member_id']).execute();
  await db.schema.createIndex('contact_bindings_directory').on('contact_bindings').columns(['directory_id']).execute();

  await db.schema
    .createTable('contact_verifications')
    .addColumn('contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('target', 'varchar(320)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_verifications_pk', ['contact_id', 'channel'])
    .execute();

  await db.schema
    .createTable('verification_tokens')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('target', 'varchar(320)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('voided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_tokens_contact').on('verification_tokens').columns(['contact_id', 'channel']).execute();

  await db.schema
    .createTable('verification_sends')
    .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('verification_sends_pk', ['account_id', 'channel', 'day'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('to', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject', 'varchar(256)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(1024)', (c) => c.notNull())
    .addColumn('code', 'varchar(16)')
    .addColumn('contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_sent').on('outbox').columns(['sent_at']).execute();
  await db.schema.createIndex('outbox_contact').on('outbox').columns(['contact_id', 'sent_at']).execute();

  await db.schema
    .createTable('retained_contacts')
    .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('message_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('source_contact_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)')
    .addColumn('title', 'varchar(32)', (c) => c.notNull())
    .addColumn('retained_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('retained_contacts_pk', ['account_id', 'message_type', 'source_contact_id'])
    .execute();
  await db.schema.createIndex('retained_contacts_directory').on('retained_contacts').columns(['directory_id']).execute();

  await db.schema
    .createTable('directory_leases')
    .addColumn('directory_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'bigint', (c) => c.notNull())
    .execute();
}
