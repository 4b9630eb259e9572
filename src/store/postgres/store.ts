import { KyselyStore } from '../kysely-store.js';
import type { AuditEventEntry } from '../records.js';
import { AUDIT_EVENT_COLUMNS, auditEventRow } from '../repositories/audit-events.js';
import { runCompiled } from '../repositories/compiled.js';

/** Each column's array type for unnest, in AUDIT_EVENT_COLUMNS' order: event_time is int8, the rest text. */
const ARRAY_TYPES = AUDIT_EVENT_COLUMNS.map((column) => (column === 'event_time' ? 'int8[]' : 'text[]'));

/**
 * A batch of the audit trail's events as one statement whatever its length: one array per column, made rows
 * by unnest in the batch's order, as the nonce claims are (nonces.ts). So the text is always the same,
 * prepared once per connection (prepared.ts), and a batch is one round trip, atomic on its own.
 */
const APPEND_EVENTS =
  `insert into audit_events (${AUDIT_EVENT_COLUMNS.join(', ')}) ` +
  `select * from unnest(${ARRAY_TYPES.map((type, i) => `$${i + 1}::${type}`).join(', ')})`;

/**
 * The PostgreSQL store: the Kysely store, but the audit trail's batches are appended in one statement. The
 * repository's way (a transaction of multi-row INSERTs of 100, 10 and 1 rows) took a batch of 176 events
 * 14 INSERTs and BEGIN and COMMIT, ~0.16 round trips per GetMessageContact under load (pg_stat_statements:
 * docs/performance.md, sixth round).
 */
export class PostgresStore extends KyselyStore {
  override async appendAuditEvents(entries: readonly AuditEventEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const columns: unknown[][] = AUDIT_EVENT_COLUMNS.map(() => new Array(entries.length));
    entries.forEach((entry, row) => auditEventRow(entry).forEach((value, column) => (columns[column]![row] = value)));
    await runCompiled(this.kysely, APPEND_EVENTS, columns);
  }
}
