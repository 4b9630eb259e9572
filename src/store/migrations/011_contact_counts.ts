import { sql, type Kysely } from 'kysely';

/**
 * Each directory keeps the number of its contacts (contact_count), changed in the transaction that inserts
 * or removes one: AddMessageContact checks the contact limit by reading it instead of counting the
 * directory's contacts, a scan that grew with the directory on every Add.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('directories').addColumn('contact_count', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await sql`update directories set contact_count = (select count(*) from contacts where contacts.directory_id = directories.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('directories').dropColumn('contact_count').execute();
}
