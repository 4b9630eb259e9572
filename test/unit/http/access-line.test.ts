/**
 * The access log's line is made by the service rather than by pino's serialiser (src/http/access-log.ts): it
 * must be the line pino writes for the same record, for any value a client can put in it, and one line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logger.js';
import { logAccess } from '../../../src/http/access-log.js';
import { clip } from '../../../src/protocol/render.js';

/** A logger writing to memory, and what it wrote. */
function logged(format: 'json' | 'pretty' = 'json', level = 'info') {
  const lines: string[] = [];
  const out = new Writable({ write: (chunk, _encoding, done) => (lines.push(...String(chunk).split('\n').filter((l) => l !== '')), done()) });
  return { log: createLogger({ logLevel: level as 'info', logFormat: format }, out), lines };
}

const request = (url: string, method = 'POST') => ({ url, method, headers: {}, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;
const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

describe('the access line', () => {
  const hostile = ['GetMessageContact', 'a"b\\c', 'two\nlines\r\u2028', '\u0000\u001f\u007f', 'ünïcødé ✓ 𝄞', '</script>', 'x'.repeat(300)];

  it("is the line pino writes for the same record, field for field and in the same order, whatever the client sent", () => {
    for (const value of hostile) {
      const ours = logged();
      const theirs = logged();
      const note = { action: value, accessKeyId: value, code: value };
      logAccess(ours.log, { accessLog: true }, undefined, { requestId: 'R-1', req: request('/' + value + '?q=1'), status: 400, note, ms: 1.234567 });
      theirs.log.info({ RequestId: 'R-1', Method: 'POST', Path: '/' + value, ClientIp: '127.0.0.1', Action: clip(value), AccessKeyId: value, Status: 400, Code: value, ms: 1.23 });
      assert.equal(ours.lines.length, 1, 'one line');
      assert.equal(withoutTime(ours.lines[0]!), withoutTime(theirs.lines[0]!));
      assert.equal(JSON.parse(ours.lines[0]!).AccessKeyId, value, 'the value reads back as sent');
    }
  });

  it('keeps a lone surrogate as an escape (pino writes it as U+FFFD): still one line of JSON, reading back as sent', () => {
    const ours = logged();
    logAccess(ours.log, { accessLog: true }, undefined, { requestId: 'R-6', req: request('/'), status: 400, note: { accessKeyId: '\ud800 lone' }, ms: 1 });
    assert.equal(ours.lines.length, 1);
    assert.equal(JSON.parse(ours.lines[0]!).AccessKeyId, '\ud800 lone');
  });

  it('leaves out what the call did not note, as pino does', () => {
    const ours = logged();
    const theirs = logged();
    logAccess(ours.log, { accessLog: true }, undefined, { requestId: 'R-2', req: request('/healthz', 'GET'), status: 200, note: {}, ms: 0.5 });
    theirs.log.info({ RequestId: 'R-2', Method: 'GET', Path: '/healthz', ClientIp: '127.0.0.1', Action: undefined, AccessKeyId: undefined, Status: 200, Code: undefined, ms: 0.5 });
    assert.equal(withoutTime(ours.lines[0]!), withoutTime(theirs.lines[0]!));
  });

  it('reads as the other lines with RDC_LOG_FORMAT=pretty, and is not written when off or below the level', () => {
    const pretty = logged('pretty');
    logAccess(pretty.log, { accessLog: true }, undefined, { requestId: 'R-3', req: request('/healthz', 'GET'), status: 200, note: {}, ms: 2 });
    assert.match(pretty.lines[0]!, / INFO  RequestId=R-3 Method=GET Path=\/healthz ClientIp=127\.0\.0\.1 Status=200 ms=2$/);
    const off = logged();
    logAccess(off.log, { accessLog: false }, undefined, { requestId: 'R-4', req: request('/'), status: 200, note: {}, ms: 1 });
    const quiet = logged('json', 'warn');
    logAccess(quiet.log, { accessLog: true }, undefined, { requestId: 'R-5', req: request('/'), status: 200, note: {}, ms: 1 });
    assert.deepEqual([off.lines, quiet.lines], [[], []]);
  });
});
