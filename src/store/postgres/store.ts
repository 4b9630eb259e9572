import { KyselyStore } from '../kysely-store.js';
import type { AuditEventEntry } from '../records.js';
import { AUDIT_EVENT_COLUMNS, auditEventRow } from '../repositories/audit-events.js';
import { columnsOf, unnestInsertSql } from '../repositories/array-rows.js';
import { runCompiled } from '../repositories/compiled.js';

/**
 * A batch of the audit trail's events as one statement whatever its length (array-rows.ts; event_time is
 * int8, the rest text). So the text is always the same, prepared once per connection (prepared.ts), and a
 * batch is one round trip, atomic on its own.
 */
const APPEND_EVENTS = unnestInsertSql(
  'audit_events',
  AUDIT_EVENT_COLUMNS.map((column) => [column, column === 'event_time' ? 'int8[]' : 'text[]'] as const),
);

/**
 * The PostgreSQL store: the Kysely store, but the audit trail's batches are appended in one statement. The
 * repository's way (a transaction of multi-row INSERTs of 100, 10 and 1 rows) took a batch of 176 events
 * 14 INSERTs and BEGIN and COMMIT, ~0.16 round trips per GetMessageContact under load (pg_stat_statements:
 * docs/performance.md, sixth round).
 */
export class PostgresStore extends KyselyStore {
  override async appendAuditEvents(entries: readonly AuditEventEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await runCompiled(this.kysely, APPEND_EVENTS, columnsOf(entries.map(auditEventRow), AUDIT_EVENT_COLUMNS.length));
  }
}
