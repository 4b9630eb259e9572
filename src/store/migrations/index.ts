import { Migrator, type Kysely, type Migration } from 'kysely';
import * as foundation from './001_foundation.js';
import * as directory from './002_directory.js';
import * as contacts from './003_contacts.js';
import * as delivery from './004_delivery.js';
import * as nonceBatches from './005_nonce_batches.js';
import * as housekeeping from './006_housekeeping.js';
import * as accountLifecycle from './007_account_lifecycle.js';
import * as outboxTenant from './008_outbox_tenant.js';
import * as auditEvents from './009_audit_events.js';
import * as messages from './010_messages.js';
import * as contactCounts from './011_contact_counts.js';
import * as nodes from './012_nodes.js';
import * as consoleSessions from './013_console_sessions.js';
import * as messageRecipientRoutes from './014_message_recipient_routes.js';
import * as accountPlacements from './015_account_placements.js';

/** Every migration, in order. Names are recorded in the store; never rename or reorder one that shipped. */
export const migrations: Record<string, Migration> = {
  '001_foundation': foundation,
  '002_directory': directory,
  '003_contacts': contacts,
  '004_delivery': delivery,
  '005_nonce_batches': nonceBatches,
  '006_housekeeping': housekeeping,
  '007_account_lifecycle': accountLifecycle,
  '008_outbox_tenant': outboxTenant,
  '009_audit_events': auditEvents,
  '010_messages': messages,
  '011_contact_counts': contactCounts,
  '012_nodes': nodes,
  '013_console_sessions': consoleSessions,
  '014_message_recipient_routes': messageRecipientRoutes,
  '015_account_placements': accountPlacements,
};

/** Brings the schema up to the latest migration; throws naming the migration that failed. */
export async function migrate(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`${failed ? `migration ${failed.migrationName}` : 'migrating'} failed: ${String((error as Error)?.message ?? error)}`);
}
