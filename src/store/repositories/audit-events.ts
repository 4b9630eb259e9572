import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AuditEventEntry, AuditFilterField } from '../records.js';
import type { StoreTraits } from '../traits.js';

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

/**
 * A batch of events as one JSON array parameter: one statement whatever the batch's size, so SQLite prepares it
 * once (statements.ts keeps it) instead of a multi-row INSERT per batch size. Each element lists the columns in
 * this order; `event_time` is a JSON integer, and a JSON string comes back as the same text (test/unit/store/audit-events-batch.test.ts).
 */
const INSERT_FROM_JSON = CompiledQuery.raw(
  'insert into audit_events (event_id, tenant, event_time, event_name, service_name, event_rw, access_key_id, user_name, source_ip, record) ' +
    'select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9 from json_each(?)',
);

/** The audit trail's events, one tenant's at a time. */
export class AuditEventRepository {
  private readonly jsonEachRows: boolean;

  constructor(
    private readonly db: Kysely<Database>,
    traits: StoreTraits,
  ) {
    this.jsonEachRows = traits.jsonEachRows;
  }

  /** Adds a batch of events in one statement. */
  async insert(entries: readonly AuditEventEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.jsonEachRows) {
      await this.db.executeQuery(CompiledQuery.raw(INSERT_FROM_JSON.sql, [JSON.stringify(entries.map(jsonRow))]));
      return;
    }
    await this.db
      .insertInto('audit_events')
      .values(
        entries.map((e) => ({
          event_id: e.eventId,
          tenant: e.tenant,
          event_time: e.eventTime,
          event_name: e.eventName,
          service_name: e.serviceName,
          event_rw: e.eventRw,
          access_key_id: e.accessKeyId,
          user_name: e.userName,
          source_ip: e.sourceIp,
          record: e.record,
        })),
      )
      .execute();
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

/**
 * An event as a JSON array of its columns. Text is made well-formed first: a lone surrogate would otherwise
 * reach SQLite as a JSON escape and be stored as invalid UTF-8, where a bound string parameter stores U+FFFD
 * (the record is JSON text already, where JSON.stringify escaped any).
 */
function jsonRow(e: AuditEventEntry): unknown[] {
  return [
    e.eventId,
    e.tenant,
    e.eventTime,
    wellFormed(e.eventName),
    e.serviceName,
    e.eventRw,
    wellFormed(e.accessKeyId),
    wellFormed(e.userName),
    wellFormed(e.sourceIp),
    e.record,
  ];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with each lone surrogate replaced by U+FFFD, as encoding it to UTF-8 for a bound parameter does. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}
