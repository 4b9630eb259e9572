/**
 * Two nodes over one PostgreSQL database share the notice delivery queue as they share deletion jobs: a
 * fan-out published on one node is sent by whichever node claims each delivery, each exactly once.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POSTGRES_ONLY } from '../../support/database.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { startSmtp } from '../../support/smtp.js';
import { addAccount, enableDirectory } from '../../support/contacts.js';
import { seedContact, settledMessage } from '../../support/messages.js';

const ROOT = { RDC_ROOT_ACCOUNT_ID: '1234567890123457', RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tNoticeNodesKey0001', RDC_ROOT_ACCESS_KEY_SECRET: 'NoticeNodesSecret012345678' };

describe('notice deliveries shared by two PostgreSQL nodes', { skip: POSTGRES_ONLY }, () => {
  const servers: TestServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-notice-nodes-'));
  after(async () => {
    for (const s of servers) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a fan-out of 60 deliveries published on one node: all Sent, each received once, whichever node sent it', async () => {
    // A slow SMTP server, so that both nodes' runners have deliveries to claim.
    const smtp = await startSmtp(0, false, { delayMs: 50 });
    try {
      const env = { ...ROOT, RDC_SMTP_URL: smtp.url, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true' };
      // The same data folder: the same PostgreSQL database (see database.ts); two nodes of one cluster.
      servers.push(await startTestServer(env, dataDir), await startTestServer(env, dataDir));
      const [a, b] = servers as [TestServer, TestServer];
      const rd = await enableDirectory(a);
      const account = await addAccount(a, rd, rd.rootFolderId);
      for (let i = 0; i < 60; i++) await seedContact(a.store, rd, ['FaultMessage'], [account]);
      const { MessageId } = await a.extensionClient()('PublishMessage', { MessageType: 'FaultMessage', Subject: 'both', Content: 'nodes', TargetId: account });
      b.app.services.jobs.kick();
      const message = await settledMessage(b.extensionClient(), MessageId, 60_000);
      assert.deepEqual([...new Set(message.Deliveries.map((d: any) => d.State))], ['Sent']);
      await smtp.waitFor(60);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = smtp.mails.map((m) => m.headers.get('x-rdc-message-id'));
      assert.equal(ids.length, 60, 'no delivery sent twice');
      assert.deepEqual(new Set(ids), new Set(message.Deliveries.map((d: any) => d.DeliveryId)));
    } finally {
      await smtp.close();
    }
  });
});
