import type { Kysely } from 'kysely';

/**
 * The audit trail: one row per API call (domain/audit-trail.ts). `record` is the ActionTrail-shaped event as
 * JSON, served as it is by LookupEvents; the other columns are what LookupEvents filters and pages on. They
 * are `text`, without a length a value could exceed: a batch of events is one INSERT, and one value too long
 * for PostgreSQL would fail the whole batch again and again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('event_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('event_time', 'bigint', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('event_rw', 'text', (c) => c.notNull())
    .addColumn('access_key_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('source_ip', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_tenant_time').on('audit_events').columns(['tenant', 'event_time', 'event_id']).execute();
  await db.schema.createIndex('audit_events_time').on('audit_events').column('event_time').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}
