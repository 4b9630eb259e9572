import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
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

/** One JSON line per answered request. The secret never reaches it: only the AccessKey ID that signed. */
export function logAccess(log: Logger, config: Pick<Config, 'accessLog'>, trusted: IpRanges | undefined, answered: Answered): void {
  if (!config.accessLog) return;
  const { requestId, req, status, note, ms } = answered;
  log.info({
    RequestId: requestId,
    Method: req.method,
    Path: (req.url ?? '/').split('?')[0],
    ClientIp: clientOf(req, trusted).ip,
    Action: note.action === undefined ? undefined : clip(note.action),
    AccessKeyId: note.accessKeyId,
    Status: status,
    Code: note.code,
    ms: Math.round(ms * 100) / 100,
  });
}

/** Adds an API answer to the answer record; requests that are not API calls (health, pages) note nothing and are left out. */
export function recordAccess(recordAnswer: AnswerRecorder | undefined, status: number, note: AccessNote | undefined): void {
  if (!recordAnswer || !note || (note.action === undefined && note.code === undefined)) return;
  recordAnswer({ action: note.action, version: note.version, params: note.params, status, code: note.code });
}
