import { sql, type Kysely } from 'kysely';

/**
 * The account placement log, so that publishing a notice no longer writes a row per account of its target
 * (issue 13): one row per period a member account spent in one place (directory, display name, folder and the
 * folder's path from Root), between two changes of its directory's placement sequence. A message records that
 * sequence and its target's path: its accounts are the placements open at that sequence below the target,
 * whatever moves, is renamed or leaves afterwards.
 * - folders.path: `/r-…/fd-…/…/`, the folder's IDs from Root (folders never move), so "below a folder" is a
 *   prefix of the path and stays answerable once a folder is deleted.
 * - folders.account_count: the accounts directly in the folder, kept with the placements, so a notice counts its
 *   target's accounts per folder from the folders (1,365 rows in a tree of 100,000 accounts), not the accounts.
 * - directories.placement_seq: advanced by every placement change, in the change's transaction (its row lock
 *   orders them); the existing accounts' placements open at 1.
 * - messages.placement_seq and target_path: NULL for a message published before, whose message_accounts keep
 *   every account it concerned as they did (its own snapshot, exact; it cannot be told from the log). Since,
 *   message_accounts keep only a message's uncovered accounts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('folders').addColumn('path', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`update folders set path = '/' || id || '/' where parent_id is null`.execute(db);
  const deepest = await db.selectFrom('folders').select((eb) => eb.fn.max('depth').as('d')).executeTakeFirst();
  for (let depth = 1; depth <= Number(deepest?.d ?? 0); depth++) {
    await sql`update folders set path = (select p.path from folders p where p.id = folders.parent_id) || id || '/' where depth = ${depth}`.execute(db);
  }

  await db.schema.alterTable('folders').addColumn('account_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update folders set account_count = (select count(*) from accounts a where a.folder_id = folders.id)`.execute(db);

  await db.schema.alterTable('directories').addColumn('placement_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update directories set placement_seq = 1`.execute(db);

  await db.schema
    .createTable('account_placements')
    .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('directory_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('since_seq', 'integer', (c) => c.notNull())
    .addColumn('until_seq', 'integer')
    .addColumn('closed_at', 'bigint')
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('folder_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('folder_path', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_placements_pk', ['account_id', 'directory_id', 'since_seq'])
    .execute();
  await db.schema.createIndex('account_placements_directory').on('account_placements').columns(['directory_id', 'since_seq']).execute();
  await sql`insert into account_placements (account_id, directory_id, since_seq, until_seq, closed_at, display_name, folder_id, folder_path)
            select a.id, a.directory_id, 1, null, null, a.display_name, a.folder_id, f.path from accounts a join folders f on f.id = a.folder_id`.execute(db);

  await db.schema.alterTable('messages').addColumn('placement_seq', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('target_path', 'text').execute();
  // Housekeeping asks whether a kept message of a directory was published while a closed placement was open.
  await db.schema.createIndex('messages_directory_placement').on('messages').columns(['directory_id', 'placement_seq']).execute();
}

/** Back to 014: messages published since lose their accounts but the uncovered ones (the log goes). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_directory_placement').execute();
  await db.schema.alterTable('messages').dropColumn('target_path').execute();
  await db.schema.alterTable('messages').dropColumn('placement_seq').execute();
  await db.schema.dropTable('account_placements').execute();
  await db.schema.alterTable('directories').dropColumn('placement_seq').execute();
  await db.schema.alterTable('folders').dropColumn('account_count').execute();
  await db.schema.alterTable('folders').dropColumn('path').execute();
}
