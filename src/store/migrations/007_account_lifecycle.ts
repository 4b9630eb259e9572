import type { Kysely } from 'kysely';

/**
 * What ResourceManager 2020-03-31 adds to the tree: a directory's member settings, who pays for a member,
 * deletion pre-checks and account deletions (kept after the account is gone: clients poll their status).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // No row: both settings Disabled (the documented defaults).
  await db.schema
    .createTable('directory_settings')
    .addColumn('directory_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('member_deletion_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('display_name_sync_status', 'varchar(16)', (c) => c.notNull())
    .execute();
  // No row: the member settles its own bills.
  await db.schema
    .createTable('account_payers')
    .addColumn('account_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('payer_account_id', 'varchar(16)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_payers_payer').on('account_payers').column('payer_account_id').execute();
  await db.schema
    .createTable('account_deletion_checks')
    .addColumn('account_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('account_deletions')
    .addColumn('account_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('management_account_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('deletion_type', 'varchar(4)', (c) => c.notNull())
    .addColumn('fail_reasons', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deletion_time', 'bigint')
    .execute();
  await db.schema.createIndex('account_deletions_directory').on('account_deletions').column('directory_id').execute();
}
