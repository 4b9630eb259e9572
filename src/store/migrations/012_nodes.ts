import type { Kysely } from 'kysely';

/**
 * The nodes serving one store, each with the time it was last seen alive (its heartbeat), and the node that
 * holds each contact's lease: a lease held by a node that stopped beating is taken over at once instead of
 * blocking the contact until the lease expires (src/domain/leases.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nodes')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('contacts').addColumn('lease_node', 'varchar(40)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('lease_node').execute();
  await db.schema.dropTable('nodes').execute();
}
