import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startTestServer, type TestServer } from '../../support/server.js';
import { addContact, enableDirectory, PHONE } from '../../support/contacts.js';

/** GET on the server's port with the Host header as given (undefined: none at all, over a raw socket). */
function getWithHost(server: TestServer, path: string, host: string | undefined): Promise<{ status: number; body: string }> {
  const port = server.port;
  if (host === undefined) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.0\r\n\r\n`));
      let data = '';
      socket.on('data', (c) => (data += c));
      socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.\d (\d+)/.exec(data)?.[1]), body: data.slice(data.indexOf('\r\n\r\n') + 4) }));
      socket.on('error', reject);
    });
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const local = (server: TestServer) => `http://127.0.0.1:${server.port}`;

describe('GET /_rdc/outbox is on only where it is safe (RDC_OUTBOX=auto), or when explicitly enabled', () => {
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startTestServer(env);
    servers.push(server);
    return server;
  };
  after(async () => {
    for (const server of servers) await server.stop();
  });

  it('bound to 0.0.0.0 without RDC_OUTBOX=true the outbox is off; with it, it is served', async () => {
    const exposed = await start({ RDC_HOST: '0.0.0.0' });
    assert.equal((await fetch(`${local(exposed)}/_rdc/outbox`)).status, 404);
    const enabled = await start({ RDC_HOST: '0.0.0.0', RDC_OUTBOX: 'true' });
    assert.equal((await fetch(`${local(enabled)}/_rdc/outbox`)).status, 200);
  });

  it('with SMTP configured the outbox is off entirely unless enabled', async () => {
    const smtp = await start({ RDC_SMTP_URL: 'smtp://127.0.0.1:9' });
    assert.equal((await fetch(`${smtp.url}/_rdc/outbox`)).status, 404);
  });

  it('with a real SMS provider, SMS codes never show there, even when enabled (also those captured before it was configured)', async () => {
    const server = await start({ RDC_SMS_PROVIDER: 'webhook', RDC_SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms', RDC_SMS_WEBHOOK_SECRET: 'x'.repeat(16), RDC_OUTBOX: 'true' });
    assert.equal((await fetch(`${server.url}/_rdc/outbox`)).status, 200);
    await enableDirectory(server);
    const call = server.client();
    const id = await addContact(call, { EmailAddress: 'sms-real@example.com', PhoneNumber: PHONE });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'sms-real@example.com' });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    // A code captured while SMS still went to the outbox (before the provider was configured).
    await server.store.outbox.insert({
      id: 'msg-captured-before', channel: 'sms', to: PHONE, subject: '', text: 'Code 123456', link: `${server.url}/verify/x`, code: '123456',
      contactId: id, accountId: server.root.accountId, sentAt: Date.now(), state: 'captured', html: null, attempts: 0, lastError: null, deliveredAt: null, messageId: null,
    });
    const messages = ((await (await fetch(`${server.url}/_rdc/outbox`)).json()) as { Messages: Array<{ Channel: string; To: string }> }).Messages;
    assert.deepEqual(messages.map((m) => [m.Channel, m.To]), [['email', 'sms-real@example.com']]);
  });

  it('the outbox and the verification pages answer only for loopback names and the host of RDC_PUBLIC_URL (421 otherwise, 400 without Host)', async () => {
    const server = await start({ RDC_PUBLIC_URL: 'https://contacts.example.com/rd' });
    for (const path of ['/_rdc/outbox', '/verify/' + 'A'.repeat(43)]) {
      const rebound = await getWithHost(server, path, `evil.example:${server.port}`);
      assert.equal(rebound.status, 421, path);
      assert.match(rebound.body, /does not answer for host "evil\.example"/);
      assert.equal((await getWithHost(server, path, undefined)).status, 400, `${path} without Host`);
      for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'contacts.example.com', 'Contacts.Example.com:443']) {
        assert.notEqual((await getWithHost(server, path, host)).status, 421, `${path} for ${host}`);
      }
    }
    assert.equal((await getWithHost(server, '/_rdc/outbox', 'localhost')).status, 200);
    assert.equal((await getWithHost(server, '/healthz', 'evil.example')).status, 200, 'health probes are not pages');
  });
});
