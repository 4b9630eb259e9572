/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager; .ci/run installs it) routes to our
 * receiver: an alert posted to Alertmanager's own API ends as an email to the account's FaultMessage
 * contact at the loopback SMTP server, its resolution as a second one, and Alertmanager's repeats of the
 * unchanged group send nothing twice. The receiver's own answers (401, 400 with the reason) are checked too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import { startSmtp, type TestSmtp } from '../../support/smtp.js';
import { addAccount, enableDirectory } from '../../support/contacts.js';
import { seedContact, type SeededContact } from '../../support/messages.js';
import type { Call } from '../../support/clients.js';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Prometheus Alertmanager receiver', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let call: Call;
  let account: string;
  let contact: SeededContact;
  let token: string;
  let hook: string;

  before(async () => {
    smtp = await startSmtp();
    server = await startTestServer({ RDC_SMTP_URL: smtp.url, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true' });
    call = server.extensionClient();
    const rd = await enableDirectory(server);
    account = await addAccount(server, rd, rd.rootFolderId);
    contact = await seedContact(server.store, rd, ['FaultMessage'], [account]);
    const receiver = await call('CreateAlertmanagerReceiver');
    assert.match(receiver.ReceiverId, /^amr-[0-9A-Za-z]{16}$/);
    assert.match(receiver.Token, /^rdcam_[A-Za-z0-9_-]{43}$/);
    assert.equal(receiver.Path, '/alertmanager/v1/webhook');
    token = receiver.Token;
    hook = server.url + receiver.Path;
  });
  after(async () => {
    await server?.stop();
    await smtp?.close();
  });

  /** POSTs an alert group as Alertmanager does; `bearer` null sends no Authorization header. */
  const post = (body: unknown, bearer: string | null = token) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...(bearer !== null && { authorization: `Bearer ${bearer}` }) }, body: JSON.stringify(body) });

  it('the receiver answers 401 without a valid token and 400 with the reason for a group that names nobody', async () => {
    const alert = { status: 'firing', labels: { alertname: 'X' }, annotations: {}, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', fingerprint: 'f1' };
    const group = { version: '4', groupKey: '{}:{alertname="X"}', status: 'firing', commonLabels: { alertname: 'X' }, commonAnnotations: {}, alerts: [alert] };
    assert.equal((await post(group, null)).status, 401);
    assert.equal((await post(group, 'rdcam_not-a-token')).status, 401);
    const noTarget = await post(group);
    assert.equal(noTarget.status, 400);
    assert.match((await noTarget.json()).error, /no account_id or folder_id label/);
    const unknown = await post({ ...group, commonLabels: { alertname: 'X', account_id: '1000000000000009' } });
    assert.equal(unknown.status, 400);
    assert.match((await unknown.json()).error, /1000000000000009 is not a member account or folder/);
    const badType = await post({ ...group, commonLabels: { alertname: 'X', account_id: account, message_type: 'Bills' } });
    assert.equal(badType.status, 400);
    const notJson = await fetch(hook, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{' });
    assert.equal(notJson.status, 400);
    assert.equal((await call('ListMessages')).TotalCount, 0, 'nothing published');
  });

  it(
    'an alert posted to Alertmanager ends as one email to the FaultMessage contact, its resolution as a second; repeats send nothing twice',
    { skip: existsSync(ALERTMANAGER) ? false : `${ALERTMANAGER} is not installed (npm test installs prometheus-alertmanager when run as root)` },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rdc-alertmanager-'));
      const port = await freePort();
      writeFileSync(
        join(dir, 'alertmanager.yml'),
        [
          'route:',
          '  receiver: rdcontacts',
          "  group_by: ['alertname', 'account_id']",
          '  group_wait: 0s',
          '  group_interval: 1s',
          '  repeat_interval: 2s',
          'receivers:',
          '  - name: rdcontacts',
          '    webhook_configs:',
          `      - url: ${hook}`,
          '        send_resolved: true',
          '        http_config:',
          '          authorization:',
          '            type: Bearer',
          `            credentials: ${token}`,
          '',
        ].join('\n'),
      );
      let log = '';
      const am: ChildProcess = spawn(ALERTMANAGER, [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=debug',
      ]);
      am.stderr!.on('data', (c) => (log += c));
      const exited = new Promise((resolve) => am.on('exit', resolve));
      try {
        const api = `http://127.0.0.1:${port}`;
        await until('Alertmanager to be ready', async () => ((await fetch(`${api}/-/ready`).catch(() => undefined))?.ok ? true : undefined));
        const labels = { alertname: 'DiskFull', account_id: account, severity: 'critical' };
        const annotations = { summary: 'Disk of db-1 is full', description: 'Only 0.5% of /var/lib/mysql is free.' };
        const fire = await fetch(`${api}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels, annotations }]) });
        assert.equal(fire.status, 200);

        const mailsToContact = () => smtp.mails.filter((m) => m.to.includes(contact.email));
        const firing = await until('the firing email', () => mailsToContact()[0]);
        assert.equal(firing.subject, '[FaultMessage] Firing: DiskFull - Disk of db-1 is full');
        assert.ok(firing.text.includes('Only 0.5% of /var/lib/mysql is free.') && firing.text.includes(account));

        // Alertmanager notifies the unchanged group again every repeat_interval: the same ClientToken, nothing sent.
        const successes = () => log.split('\n').filter((line) => line.includes('Notify success')).length;
        await until('Alertmanager to repeat the notification', () => (successes() >= 2 ? true : undefined), 20_000);
        assert.equal(mailsToContact().length, 1, 'the repeat sent nothing');

        const resolve = await fetch(`${api}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels, annotations, endsAt: new Date().toISOString() }]) });
        assert.equal(resolve.status, 200);
        const resolved = await until('the resolution email', () => mailsToContact()[1]);
        assert.equal(resolved.subject, '[FaultMessage] Resolved: DiskFull - Disk of db-1 is full');
        // Longer than repeat_interval + group_interval: any further notification of the group would have come.
        await new Promise((r) => setTimeout(r, 3500));
        assert.equal(mailsToContact().length, 2, 'one email firing, one resolved');
        const listed = await call('ListMessages', { AccountId: account });
        assert.deepEqual(listed.Messages.map((m: any) => m.Subject).sort(), ['Firing: DiskFull - Disk of db-1 is full', 'Resolved: DiskFull - Disk of db-1 is full']);
      } finally {
        am.kill('SIGKILL');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
