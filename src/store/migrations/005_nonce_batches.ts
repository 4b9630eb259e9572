import type { Kysely } from 'kysely';

/**
 * Nonces of the SQLite store in batches: one row per flush (a JSON list) instead of one row per request,
 * so remembering nonces costs one small insert every few milliseconds, not an index update per call.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nonce_batches')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nonce_batches_expires').on('nonce_batches').column('expires_at').execute();
}
