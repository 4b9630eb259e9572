import type { Kysely } from 'kysely';

/** Housekeeping finds expired verification tokens by an index, not by scanning every token it keeps. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('verification_tokens_expires').on('verification_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('verification_tokens_expires').execute();
}
