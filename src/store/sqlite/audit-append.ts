import type { SqliteDatabase } from 'kysely';
import type { Classify } from '../classified-driver.js';
import type { AuditEventEntry } from '../records.js';
import { AUDIT_EVENT_COLUMNS, auditEventRow } from '../repositories/audit-events.js';

const INSERT_EVENT = `insert into "audit_events" (${AUDIT_EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${AUDIT_EVENT_COLUMNS.map(() => '?').join(', ')})`;

/**
 * Appends one of the audit trail's batches in a transaction of its own, run to its end at once on the
 * connection (begin, one cached INSERT per event, commit with synchronous=NORMAL, to be flushed to disk off
 * the event loop by the caller: wal-sync.ts), or answers false when a transaction is open on the connection
 * (the group commit's, across turns of the event loop): then the batch joins the group commit as any
 * transaction does.
 *
 * Why not always the group commit: its transaction stays open over the promises of Kysely's executor, and
 * while it is open every point read leaves the direct path (direct-reads.ts) and queues for the connection.
 * A flush of a few hundred events every 100 ms kept it open long enough that a GetMessageContact under load
 * spent ~75 µs per call on the audit trail's write through it, against ~12 µs written here
 * (docs/performance.md, fourth round). Nothing else can use the connection meanwhile (both libraries are
 * synchronous), so no request's statement runs inside this transaction. Its rows may be read before they are
 * on disk (a LookupEvents in the flush's few milliseconds): the trail's batches are written after the calls
 * they record anyway, and a power cut loses the last ones either way.
 */
export function auditAppend(database: SqliteDatabase, connection: { exec(sql: string): unknown; readonly inTransaction: boolean }, classify: Classify) {
  return (entries: readonly AuditEventEntry[]): boolean => {
    if (connection.inTransaction) return false;
    connection.exec('pragma synchronous = NORMAL');
    try {
      connection.exec('begin immediate');
      const insert = database.prepare(INSERT_EVENT);
      for (const entry of entries) insert.run(auditEventRow(entry));
      connection.exec('commit');
    } catch (err) {
      if (connection.inTransaction) connection.exec('rollback');
      throw classify(err);
    } finally {
      connection.exec('pragma synchronous = FULL');
    }
    return true;
  };
}
