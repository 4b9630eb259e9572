import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../src/config.js';
import { start, type Running } from '../../../src/runtime.js';
import { DELIVERY_JOB } from '../../../src/delivery/dispatcher.js';
import { makeClient, type Call } from '../../support/clients.js';
import { answerRecordEnv } from '../../support/server.js';
import { startSmtp, type TestSmtp } from '../../support/smtp.js';
import { eventually } from '../../support/eventually.js';
import { EMAIL } from '../../support/contacts.js';

/** A port nothing listens on (yet): the SMTP server is down. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Node {
  running: Running;
  call: Call;
  /** The server's log lines. */
  log: Array<Record<string, unknown>>;
}

/** rdcontacts over `dataDir` with its log kept in memory. */
async function startNode(dataDir: string, smtpPort: number): Promise<Node> {
  const log: Array<Record<string, unknown>> = [];
  const config = loadConfig({ RDC_HOST: '127.0.0.1', RDC_PORT: '0', RDC_DATA_DIR: dataDir, RDC_ACCESS_LOG: 'false', ...answerRecordEnv, RDC_SMTP_URL: `smtp://rdc-mailer:mailer-secret-1@127.0.0.1:${smtpPort}`, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true' });
  const running = await start(config, pino({ level: 'info' }, { write: (line: string) => void log.push(JSON.parse(line)) }));
  return { running, call: makeClient('pop-core-post', running.url, running.root), log };
}

async function addContact(node: Node): Promise<string> {
  const body = await node.call('AddMessageContact', { Name: 'Dora', EmailAddress: EMAIL, Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] });
  return body.Contact.ContactId;
}

describe('SMTP down at send time: the mail is queued in the store, retried with back-off, delivered once', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('the send succeeds while SMTP is down; the failure is logged and kept; once SMTP is up the mail arrives once and its link works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdc-retry-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const node = await startNode(dataDir, port);
    cleanup.push(() => node.running.close());
    await node.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const id = await addContact(node);
    const answer = await node.call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    assert.deepEqual(Object.keys(answer), ['RequestId'], 'the API call succeeds while SMTP is down');

    const failed = await eventually('a failed attempt recorded', async () => {
      const row = (await node.running.store.outbox.list(id))[0];
      return row && Number(row.attempts) >= 1 && row;
    });
    assert.equal(failed.state, 'queued');
    assert.match(failed.lastError ?? '', /ECONNREFUSED/);
    const warning = node.log.find((l) => l.msg === 'verification message not delivered; will retry' && l.message === failed.id);
    assert.ok(warning, 'the failed attempt is in the log');
    assert.equal(warning.level, 40);
    assert.equal(typeof warning.retryInMs, 'number');
    assert.ok(!JSON.stringify(node.log).includes('mailer-secret-1'), 'the SMTP password is never logged');

    const smtp: TestSmtp = await startSmtp(port);
    cleanup.push(() => smtp.close());
    const [mail] = await smtp.waitFor(1);
    const sent = await eventually('the message marked sent and its job finished', async () => {
      const row = (await node.running.store.outbox.find(failed.id))!;
      const job = await node.running.store.jobs.pending(DELIVERY_JOB, failed.id);
      return row.state === 'sent' && job === undefined && row;
    });
    assert.ok(Number(sent.attempts) >= 2, 'delivered on a retry');
    assert.equal(smtp.mails.length, 1, 'delivered exactly once');
    assert.ok(node.log.some((l) => l.msg === 'verification message delivered' && l.message === failed.id), 'the delivery is in the log');

    const link = /(http:\/\/\S+\/verify\/[A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    assert.equal((await fetch(link, { method: 'POST' })).status, 200);
    assert.equal((await node.call('GetMessageContact', { ContactId: id })).Contact.Status, 'Active');
  });

  it('a mail queued when the server stops is delivered once after it starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdc-retry-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const first = await startNode(dataDir, port);
    await first.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const id = await addContact(first);
    await first.call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    const queued = await eventually('a failed attempt', async () => {
      const row = (await first.running.store.outbox.list(id))[0];
      return row && Number(row.attempts) >= 1 && row;
    });
    await first.running.close();

    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.close());
    const second = await startNode(dataDir, port);
    cleanup.push(() => second.running.close());
    await smtp.waitFor(1);
    await eventually('the job finished', async () => (await second.running.store.outbox.find(queued.id))!.state === 'sent' && (await second.running.store.jobs.pending(DELIVERY_JOB, queued.id)) === undefined);
    assert.equal(smtp.mails.length, 1, 'delivered exactly once');
    assert.deepEqual(smtp.mails[0]!.to, [EMAIL]);
  });
});
