import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('directories')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('root_folder_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('master_account_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('folders')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('parent_id', 'varchar(16)')
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('folders_parent_name').on('folders').columns(['parent_id', 'name']).unique().execute();
  await db.schema.createIndex('folders_directory').on('folders').column('directory_id').execute();
  await db.schema
    .createTable('folder_closure')
    .addColumn('ancestor_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('descendant_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('distance', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('folder_closure_pk', ['ancestor_id', 'descendant_id'])
    .execute();
  await db.schema.createIndex('folder_closure_descendant').on('folder_closure').columns(['descendant_id', 'distance']).execute();
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('folder_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('account_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('join_method', 'varchar(32)', (c) => c.notNull())
    .addColumn('join_time', 'bigint', (c) => c.notNull())
    .addColumn('modify_time', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_folder').on('accounts').columns(['folder_id', 'join_time']).execute();
  await db.schema.createIndex('accounts_directory_name').on('accounts').columns(['directory_id', 'display_name']).unique().execute();
  await db.schema.createIndex('accounts_directory_join').on('accounts').columns(['directory_id', 'join_time']).execute();
  // Account names are generated email addresses: unique everywhere.
  await db.schema.createIndex('accounts_name').on('accounts').column('account_name').unique().execute();
  await db.schema
    .createTable('tags')
    .addColumn('resource_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(128)', (c) => c.notNull())
    .addColumn('value', 'varchar(256)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tags_pk', ['resource_id', 'key'])
    .execute();
}
