/**
 * Notice deliveries are durable and exact: an SMTP server that is down gets the mail once it is up, exactly
 * once; a kill -9 in the middle of a fan-out of 200 deliveries loses none, and after the restart every
 * delivery is Sent once in the log (only the few in flight at the kill may reach the server twice).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClient } from '../../support/clients.js';
import { killServes, spawnServe } from '../../support/child.js';
import { startTestServer } from '../../support/server.js';
import { startSmtp } from '../../support/smtp.js';
import { addAccount, enableDirectory } from '../../support/contacts.js';
import { seedContact, settledMessage } from '../../support/messages.js';

const ROOT = {
  RDC_ROOT_ACCOUNT_ID: '1234567890123456',
  RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tNoticeDurability01',
  RDC_ROOT_ACCESS_KEY_SECRET: 'NoticeDurabilitySecret0123',
};
const creds = { accessKeyId: ROOT.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: ROOT.RDC_ROOT_ACCESS_KEY_SECRET };
/** Jobs one node runs at once (JobRunner's default): at most this many sends can be in flight at a kill. */
const CONCURRENCY = 8;

describe('durable notice delivery', () => {
  const dirs: string[] = [];
  after(() => {
    killServes();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('SMTP down, then up: the notice is retried with back-off and delivered once', async () => {
    const probe = await startSmtp();
    const port = probe.port;
    const url = probe.url;
    await probe.close();
    const server = await startTestServer({ RDC_SMTP_URL: url, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true' });
    let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
    try {
      const rd = await enableDirectory(server);
      const account = await addAccount(server, rd, rd.rootFolderId);
      const contact = await seedContact(server.store, rd, ['FaultMessage'], [account]);
      const call = server.extensionClient();
      const { MessageId } = await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 'down', Content: 'then up', TargetId: account });
      let delivery: any;
      for (const deadline = Date.now() + 15_000; ; ) {
        delivery = (await call('GetMessage', { MessageId })).Message.Deliveries[0];
        if (delivery.Attempts >= 1 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(delivery.State, 'Queued', 'still queued while the server is down');
      assert.match(delivery.LastError, /ECONNREFUSED/);
      smtp = await startSmtp(port);
      const message = await settledMessage(call, MessageId);
      assert.equal(message.Deliveries[0].State, 'Sent');
      assert.ok(message.Deliveries[0].Attempts >= 2);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(smtp.mails.filter((m) => m.to.includes(contact.email)).length, 1, 'delivered once');
    } finally {
      await server.stop();
      await smtp?.close();
    }
  });

  it('kill -9 during a fan-out of 200 deliveries: after the restart each delivery is Sent exactly once in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdc-notice-kill-'));
    dirs.push(dataDir);
    // 200 contacts of one account, seeded straight into the store of the data folder.
    const seeding = await startTestServer(ROOT, dataDir);
    const rd = await enableDirectory(seeding);
    const account = await addAccount(seeding, rd, rd.rootFolderId);
    for (let i = 0; i < 200; i++) await seedContact(seeding.store, rd, ['FaultMessage'], [account]);
    await seeding.stop();

    const smtp = await startSmtp(0, false, { delayMs: 30 });
    try {
      const env = { ...ROOT, RDC_DATA_DIR: dataDir, RDC_SMTP_URL: smtp.url, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true', RDC_JOB_LEASE: '2' };
      const first = await spawnServe(env);
      const call = makeClient('openapi-core-v3', first.url, creds, '2026-12-01');
      const { MessageId, RecipientCount } = await call('PublishMessage', { MessageType: 'FaultMessage', Subject: 'fan-out', Content: '200', TargetId: account });
      assert.equal(RecipientCount, 200);
      await smtp.waitFor(20);
      first.child.kill('SIGKILL');
      assert.equal((await first.exited).signal, 'SIGKILL');
      const atKill = smtp.mails.length;
      assert.ok(atKill < 200, `killed in the middle of the fan-out (${atKill} mails so far)`);

      const second = await spawnServe(env);
      try {
        const message = await settledMessage(makeClient('openapi-core-v3', second.url, creds, '2026-12-01'), MessageId, 60_000);
        assert.equal(message.Deliveries.length, 200);
        assert.deepEqual([...new Set(message.Deliveries.map((d: any) => d.State))], ['Sent'], 'every delivery Sent');
        await new Promise((resolve) => setTimeout(resolve, 500));
        const received = new Map<string, number>();
        for (const mail of smtp.mails) {
          const id = mail.headers.get('x-rdc-message-id')!;
          received.set(id, (received.get(id) ?? 0) + 1);
        }
        for (const d of message.Deliveries) assert.ok(received.get(d.DeliveryId)! >= 1, `${d.DeliveryId} reached the SMTP server`);
        const repeats = [...received.values()].reduce((n, count) => n + count - 1, 0);
        assert.ok(repeats <= CONCURRENCY, `only sends in flight at the kill may repeat: ${repeats}`);
        assert.equal(received.size, 200);
      } finally {
        second.child.kill('SIGKILL');
        await second.exited;
      }
    } finally {
      await smtp.close();
    }
  });
});
