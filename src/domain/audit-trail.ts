import { createWriteStream, type WriteStream } from 'node:fs';
import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import type { AuditEventEntry, AuditFilterField } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * One API call, shaped like an Alibaba Cloud ActionTrail management event (eventType `ApiCall`), so tools
 * that read ActionTrail read it. `tenant` is ours: the account whose trail holds the event (the caller's).
 */
export interface AuditEvent {
  eventId: string;
  eventVersion: 1;
  eventType: 'ApiCall';
  eventCategory: 'Management';
  eventName: string;
  eventSource: string;
  eventRW: 'Read' | 'Write';
  /** UTC, whole seconds: `yyyy-MM-ddTHH:mm:ssZ`. */
  eventTime: string;
  apiVersion: string;
  requestId: string;
  serviceName: string;
  sourceIpAddress: string;
  userAgent: string;
  userIdentity: {
    type: 'root-account' | 'ram-user' | 'assumed-role';
    accountId: string;
    principalId: string;
    accessKeyId: string;
    userName: string;
  };
  /** The request's own parameters; signatures, tokens, secrets and codes are never among them. */
  requestParameters: Record<string, string>;
  /** Only on a failed call: the code and message answered. */
  errorCode?: string;
  errorMessage?: string;
  isGlobal: boolean;
  tenant: string;
}

/** What LookupEvents asks for: one tenant's events in a time range, filtered, one page. */
export interface AuditLookup {
  from: number;
  to: number;
  filter: Partial<Record<AuditFilterField, string>>;
  direction: 'FORWARD' | 'BACKWARD';
  limit: number;
  nextToken?: string;
}

/** Events written together at most (one INSERT, one transaction). */
const MAX_BATCH = 500;
/** Events held while the store does not take them; beyond this the oldest are dropped (and logged). */
const MAX_PENDING = 50_000;

/**
 * The audit trail: every API call becomes one AuditEvent, stored (and, with RDC_AUDIT_LOG_FILE, appended to a
 * file as a JSON line) without costing the request a write of its own. `record` only buffers; the buffer is
 * written every `flushMs` (or at once when a batch is full) in one transaction, which on SQLite joins the
 * group commit of the requests of that moment. The price is a bounded loss window: a crash (kill -9, power
 * loss) loses the events of the last flush interval plus one commit, never more; a graceful stop writes all.
 */
export class AuditTrail {
  private pending: AuditEventEntry[] = [];
  /** Lines not yet appended to the file (a batch the store refuses is not appended twice). */
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly file: WriteStream | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: { flushMs: number; file?: string },
  ) {
    if (options.file) {
      this.file = createWriteStream(options.file, { flags: 'a', mode: 0o600 });
      this.file.on('error', (err) => log.error({ err: err.message, file: options.file }, 'cannot write the audit log file'));
    }
  }

  /** Takes an event for the next flush; serialises it once, for the store and the file alike. */
  record(event: AuditEvent, at: number): void {
    const record = JSON.stringify(event);
    this.pending.push({
      eventId: event.eventId,
      tenant: event.tenant,
      eventTime: at,
      eventName: event.eventName,
      serviceName: event.serviceName,
      eventRw: event.eventRW,
      accessKeyId: event.userIdentity.accessKeyId,
      userName: event.userIdentity.userName,
      sourceIp: event.sourceIpAddress,
      record,
    });
    if (this.file) this.lines.push(record + '\n');
    // A full batch goes at once (once: while it is written, later events wait for the timer).
    if (this.pending.length === MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
  }

  /** Writes every buffered event; flushes run one after another. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.write()).catch((err: Error) => this.log.error({ err }, 'audit trail flush failed'));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.lines.length > 0) {
      this.file?.write(this.lines.join(''));
      this.lines = [];
    }
    // The events of this flush only: those recorded while it writes wait for the timer record() set for them.
    // Draining until nothing was left wrote back to back under load, a batch per commit's flush (~20 events
    // per batch on PostgreSQL, one statement each), where a batch every flushMs is the design.
    let left = this.pending.length;
    while (left > 0) {
      const batch = this.pending.splice(0, Math.min(left, MAX_BATCH));
      left -= batch.length;
      try {
        await this.store.appendAuditEvents(batch);
      } catch (err) {
        this.keep(batch);
        this.log.warn({ err: (err as Error).message, events: this.pending.length }, 'cannot store audit events yet; will try again');
        this.timer ??= setTimeout(() => void this.flush(), Math.max(this.options.flushMs, 1000)).unref();
        return;
      }
    }
  }

  /** Puts a batch the store refused back in front, within MAX_PENDING. */
  private keep(batch: AuditEventEntry[]): void {
    const kept = batch.concat(this.pending);
    const dropped = kept.length - MAX_PENDING;
    if (dropped > 0) this.log.error({ dropped }, 'audit events dropped: the store has refused them for too long');
    this.pending = dropped > 0 ? kept.slice(dropped) : kept;
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    const file = this.file;
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }

  /** One page of a tenant's events, after writing what is buffered (a node reads its own calls at once). */
  async lookup(tenant: string, q: AuditLookup): Promise<{ events: unknown[]; nextToken?: string }> {
    await this.flush();
    const after = q.nextToken === undefined ? undefined : decodeToken(q.nextToken);
    const rows = await this.store.auditEvents.find({ tenant, from: q.from, to: q.to, filter: q.filter, direction: q.direction, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      events: page.map((r) => JSON.parse(r.record) as unknown),
      ...(rows.length > q.limit && last && { nextToken: encodeToken(last) }),
    };
  }
}

/** A NextToken: where the previous page ended (base64url JSON), so later events never shift a page. */
function encodeToken(last: { eventTime: number; eventId: string }): string {
  return Buffer.from(JSON.stringify({ t: last.eventTime, id: last.eventId })).toString('base64url');
}

function decodeToken(token: string): { eventTime: number; eventId: string } {
  try {
    const { t, id } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { t: unknown; id: unknown };
    if (Number.isSafeInteger(t) && typeof id === 'string' && id.length <= 36) return { eventTime: t as number, eventId: id };
  } catch {
    // answered below
  }
  throw new ApiError('InvalidQueryParameter', { message: 'The specified NextToken is invalid.' });
}
