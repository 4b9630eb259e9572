import type { Kysely } from 'kysely';

/**
 * Console sessions live in the store, so a session made on one node is valid on every node of the same
 * database. The token itself is never stored: only its SHA-256 (a copy of the table signs nobody in).
 * The note for the next page (the flash) is kept with it, as that page may be served by another node.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('console_sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('key_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('flash_tone', 'varchar(16)')
    .addColumn('flash_text', 'text')
    .execute();
  await db.schema.createIndex('console_sessions_expires').on('console_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('console_sessions').execute();
}
