import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AuditEventEntry, AuditFilterField } from '../records.js';
import { compiledInsert } from './compiled.js';

const COLUMN = {
  eventId: 'event_id',
  eventName: 'event_name',
  serviceName: 'service_name',
  eventRw: 'event_rw',
  accessKeyId: 'access_key_id',
  userName: 'user_name',
  sourceIp: 'source_ip',
} as const satisfies Record<AuditFilterField, keyof Database['audit_events']>;

export interface AuditEventQuery {
  tenant: string;
  /** From this time (inclusive) to `to` (inclusive), in milliseconds. */
  from: number;
  to: number;
  filter: Partial<Record<AuditFilterField, string>>;
  /** FORWARD: oldest first; BACKWARD: newest first. */
  direction: 'FORWARD' | 'BACKWARD';
  /** Only events after this one in the chosen order (the previous page's last). */
  after?: { eventTime: number; eventId: string };
  limit: number;
}

/** Rows per INSERT of a batch, largest first; the last is 1, so any length is covered. */
const CHUNKS = [100, 10, 1];

/** The columns an event is stored in, in the order of auditEventRow's values. */
export const AUDIT_EVENT_COLUMNS = ['event_id', 'tenant', 'event_time', 'event_name', 'service_name', 'event_rw', 'access_key_id', 'user_name', 'source_ip', 'record'] as const;

/** An event's values for AUDIT_EVENT_COLUMNS. */
export function auditEventRow(e: AuditEventEntry): unknown[] {
  return [e.eventId, e.tenant, e.eventTime, e.eventName, e.serviceName, e.eventRw, e.accessKeyId, e.userName, e.sourceIp, e.record];
}

const insertEvents = compiledInsert('audit_events', AUDIT_EVENT_COLUMNS);

/** The audit trail's events, one tenant's at a time. */
export class AuditEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds a batch of events, in its order, with INSERTs of CHUNKS rows each (the largest that fit, then
   * smaller): three statements compiled once, where a multi-row INSERT of the batch's own length was built
   * by Kysely for every batch, and on SQLite prepared and kept for every length seen (up to 500, each large).
   */
  async insert(entries: readonly AuditEventEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; ) {
      const size = CHUNKS.find((n) => n <= entries.length - i)!;
      await insertEvents(this.db, entries.slice(i, i + size).map(auditEventRow));
      i += size;
    }
  }

  /** A page of one tenant's events in the time range that match every filter, in the query's order. */
  async find(q: AuditEventQuery): Promise<Array<{ eventId: string; eventTime: number; record: string }>> {
    const forward = q.direction === 'FORWARD';
    const order = forward ? 'asc' : 'desc';
    const beyond = forward ? '>' : '<';
    let query = this.db
      .selectFrom('audit_events')
      .select(['event_id', 'event_time', 'record'])
      .where('tenant', '=', q.tenant)
      .where('event_time', '>=', q.from)
      .where('event_time', '<=', q.to);
    for (const [field, value] of Object.entries(q.filter) as Array<[AuditFilterField, string]>) query = query.where(COLUMN[field], '=', value);
    const after = q.after;
    if (after) {
      query = query.where((eb) => eb.or([eb('event_time', beyond, after.eventTime), eb.and([eb('event_time', '=', after.eventTime), eb('event_id', beyond, after.eventId)])]));
    }
    const rows = await query.orderBy('event_time', order).orderBy('event_id', order).limit(q.limit).execute();
    return rows.map((r) => ({ eventId: r.event_id, eventTime: Number(r.event_time), record: r.record }));
  }
}
