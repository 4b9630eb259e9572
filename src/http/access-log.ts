import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';
import type { IpRanges } from '../auth/ip-ranges.js';
import type { AnswerRecorder } from '../protocol/answer-record.js';
import { clientAddress, type ClientAddress } from '../protocol/client-address.js';
import { clip, type AccessNote } from '../protocol/render.js';

/** The request's client: its peer, or behind a trusted proxy the address and transport the proxy reported. */
export function clientOf(req: IncomingMessage, trusted: IpRanges | undefined): ClientAddress {
  const socket = req.socket;
  return clientAddress({ address: socket.remoteAddress ?? '', encrypted: (socket as TLSSocket).encrypted === true }, req.headers, trusted);
}

/** One answered request, as the access log and the answer record see it, whichever route answered it. */
export interface Answered {
  requestId: string;
  req: IncomingMessage;
  status: number;
  /** What the pipeline noted (action, key, code); empty for requests that are not API calls. */
  note: AccessNote;
  ms: number;
}

/**
 * One JSON line per answered request. The secret never reaches it: only the AccessKey ID that signed.
 *
 * The line is the one pino writes for `log.info({ RequestId, … })`, field for field, but made here and put in
 * the logger's own stream (so it keeps its place among the other lines, gathered and written as they are, or
 * made readable with RDC_LOG_FORMAT=pretty): pino's serialiser, shared by every record the service logs, cost
 * a GetMessageContact ~25 µs of CPU under load for this one line (docs/performance.md, seventh round).
 */
export function logAccess(log: Logger, config: Pick<Config, 'accessLog'>, trusted: IpRanges | undefined, answered: Answered): void {
  if (!config.accessLog || !log.isLevelEnabled('info')) return;
  const { requestId, req, status, note, ms } = answered;
  const record = log as unknown as Record<symbol, unknown>;
  const line =
    `{"level":${INFO},"time":${Date.now()}${record[pino.symbols.chindingsSym] as string}` +
    text('RequestId', requestId) +
    text('Method', req.method) +
    text('Path', (req.url ?? '/').split('?')[0]) +
    text('ClientIp', clientOf(req, trusted).ip) +
    text('Action', note.action === undefined ? undefined : clip(note.action)) +
    text('AccessKeyId', note.accessKeyId) +
    `,"Status":${status}` +
    text('Code', note.code) +
    `,"ms":${Math.round(ms * 100) / 100}}\n`;
  (record[pino.symbols.streamSym] as { write(line: string): void }).write(line);
}

/** A string field of the line, left out when undefined (as pino leaves it out). */
function text(name: string, value: string | undefined): string {
  return value === undefined ? '' : `,"${name}":${JSON.stringify(value)}`;
}

/** pino's number for the info level. */
const INFO = 30;

/** Adds an API answer to the answer record; requests that are not API calls (health, pages) note nothing and are left out. */
export function recordAccess(recordAnswer: AnswerRecorder | undefined, status: number, note: AccessNote | undefined): void {
  if (!recordAnswer || !note || (note.action === undefined && note.code === undefined)) return;
  recordAnswer({ action: note.action, version: note.version, params: note.params, status, code: note.code });
}
