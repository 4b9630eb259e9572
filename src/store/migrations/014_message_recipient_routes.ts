import { type Kysely } from 'kysely';

/** The accounts a pre-014 notice named: what its email listed for the first of a recipient's accounts. */
const NAMED = 50;

/**
 * A message recipient keeps its routes, how many of the message's accounts it covers and the first of them
 * by ID with display names, instead of the list of every account it covers (100,000 IDs per recipient for a
 * message to a directory of 100,000 accounts); a message account keeps the folder it was in, so a webhook
 * can tell each recipient's accounts from the routes. A recipient stored before keeps its accounts as
 * Account routes (exact, for whatever reached it). The index of message accounts by account goes: each
 * message's accounts landed all over it (publishing to 100,000 accounts wrote twice the pages, more with every
 * message kept); ListMessages by AccountId probes the primary key per message of the tenant instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('message_accounts').addColumn('folder_id', 'varchar(16)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('message_recipients').addColumn('via', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('message_recipients').addColumn('account_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('message_recipients').addColumn('accounts', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  const old = await db.selectFrom('message_recipients').select(['message_id', 'contact_id', 'account_ids']).execute();
  for (const r of old) {
    const ids = (JSON.parse(r.account_ids) as string[]).sort();
    const first = ids.slice(0, NAMED);
    const names = first.length === 0 ? [] : await db.selectFrom('message_accounts').select(['account_id', 'display_name']).where('message_id', '=', r.message_id).where('account_id', 'in', first).execute();
    const nameOf = new Map(names.map((n) => [n.account_id as string, n.display_name as string]));
    await db
      .updateTable('message_recipients')
      .set({
        via: JSON.stringify(ids.map((id) => ({ type: 'Account', id }))),
        account_count: ids.length,
        accounts: JSON.stringify(first.map((id) => ({ accountId: id, displayName: nameOf.get(id) ?? '' }))),
      })
      .where('message_id', '=', r.message_id)
      .where('contact_id', '=', r.contact_id)
      .execute();
  }
  await db.schema.alterTable('message_recipients').dropColumn('account_ids').execute();
  await db.schema.dropIndex('message_accounts_account').execute();
}

/** Back to 013: the per-recipient account lists are not rebuilt (each is empty). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('message_accounts_account').on('message_accounts').columns(['account_id', 'message_id']).execute();
  await db.schema.alterTable('message_recipients').addColumn('account_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  for (const column of ['accounts', 'account_count', 'via']) await db.schema.alterTable('message_recipients').dropColumn(column).execute();
  await db.schema.alterTable('message_accounts').dropColumn('folder_id').execute();
}
