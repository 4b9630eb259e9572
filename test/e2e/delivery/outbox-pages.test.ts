import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { addContact, enableDirectory, PHONE, type OutboxMessage } from '../../support/contacts.js';
import { ConfigError } from '../../../src/config.js';


const ODD_EMAIL = "o'neil&co@example.com";

describe('the outbox (GET /_rdc/outbox) and the verification pages over plain HTTP', () => {
  let server: TestServer;
  let call: Call;
  let templates: string;
  before(async () => {
    templates = mkdtempSync(join(tmpdir(), 'rdc-templates-'));
    writeFileSync(join(templates, 'email.subject.txt'), 'Please confirm {{target}} for {{name}}\n');
    server = await startTestServer({ RDC_TEMPLATES_DIR: templates });
    call = server.client('openapi-client-v1');
    await enableDirectory(server);
  });
  after(async () => {
    await server?.stop();
    rmSync(templates, { recursive: true, force: true });
  });

  const outbox = async (query = '') => {
    const res = await fetch(`${server.url}/_rdc/outbox${query}`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('content-type')), /^application\/json/);
    return ((await res.json()) as { Messages: OutboxMessage[] }).Messages;
  };

  it('answers {"Messages":[{Id, Channel, To, Subject, Text, Link, Code, ContactId, SentAt, MessageId}]}, filtered by ?to=', async () => {
    const id = await addContact(call, { Name: 'Emil', EmailAddress: 'emil@example.com', PhoneNumber: PHONE });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'emil@example.com' });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    const all = await outbox();
    const email = all.find((m) => m.To === 'emil@example.com')!;
    const sms = all.find((m) => m.To === PHONE && m.ContactId === id)!;
    for (const m of [email, sms]) assert.deepEqual(Object.keys(m), ['Id', 'Channel', 'To', 'Subject', 'Text', 'Link', 'Code', 'ContactId', 'SentAt', 'MessageId']);
    for (const m of [email, sms]) assert.equal(m.MessageId, null, 'a verification message belongs to no published message');
    assert.equal(email.Channel, 'email');
    assert.equal(email.Subject, 'Please confirm emil@example.com for Emil', 'the operator template replaced the shipped subject');
    assert.equal(email.Code, null);
    assert.match(email.Link, /\/verify\/[A-Za-z0-9_-]{43}$/);
    assert.ok(email.Text.includes(email.Link), 'the shipped text template carries the link');
    assert.equal(email.ContactId, id);
    assert.match(email.SentAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(sms.Channel, 'sms');
    assert.match(sms.Code ?? '', /^\d{6}$/);
    assert.ok(sms.Text.includes(sms.Code!), 'the SMS text carries the code');
    assert.deepEqual((await outbox('?to=emil%40example.com')).map((m) => m.Id), [email.Id]);
    assert.deepEqual(await outbox('?to=nobody%40example.com'), []);
  });

  it('a GET (or HEAD) never verifies; the page shows the escaped name and target, one form, no script, strict headers', async () => {
    const id = await addContact(call, { Name: 'Fanny', EmailAddress: ODD_EMAIL });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: ODD_EMAIL });
    const link = (await outbox(`?to=${encodeURIComponent(ODD_EMAIL)}`)).at(-1)!.Link;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(link);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.ok(body.includes('o&#39;neil&amp;co@example.com'), 'the target is HTML-escaped');
      assert.ok(!body.includes(ODD_EMAIL), 'never raw');
      assert.match(body, /<html lang="en">/);
      assert.match(body, /<title>Confirm your email address · rdcontacts<\/title>/);
      assert.equal(body.match(/<form method="post">/g)?.length, 1);
      assert.ok(!/<script/i.test(body), 'no script');
      assert.match(String(res.headers.get('content-security-policy')), /default-src 'none'/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    }
    assert.equal((await fetch(link, { method: 'HEAD' })).status, 200);
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Verifying');
    const done = await fetch(link, { method: 'POST' });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Email address verified/);
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Status, 'Active');
  });

  it('the SMS page asks for the code in a labelled input named code', async () => {
    const id = await addContact(call, { PhoneNumber: '86-13900005555' });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13900005555' });
    const body = await (await fetch((await outbox('?to=86-13900005555')).at(-1)!.Link)).text();
    assert.match(body, /<label for="code">Verification code<\/label>/);
    assert.match(body, /<input id="code" name="code" [^>]*inputmode="numeric"/);
  });

  it('unknown and malformed links answer 404 with a page', async () => {
    for (const token of ['A'.repeat(43), 'short', 'x'.repeat(300), 'a/b/c']) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${server.url}/verify/${token}`, { method });
        assert.equal(res.status, 404, `${method} ${token}`);
        assert.match(await res.text(), /Unknown verification link/);
      }
    }
  });
});

describe('the outbox switched off, and delivery settings checked at start-up', () => {
  it('RDC_OUTBOX=false, or real delivery on both channels, removes GET /_rdc/outbox', async () => {
    const envs: Array<Record<string, string>> = [{ RDC_OUTBOX: 'false' }, { RDC_SMTP_URL: 'smtp://u:p@127.0.0.1:9', RDC_SMS_PROVIDER: 'webhook', RDC_SMS_WEBHOOK_URL: 'http://127.0.0.1:9/', RDC_SMS_WEBHOOK_SECRET: 'x'.repeat(16) }];
    for (const env of envs) {
      const server = await startTestServer(env);
      try {
        const res = await fetch(`${server.url}/_rdc/outbox`);
        assert.equal(res.status, 404, JSON.stringify(env));
        assert.equal(((await res.json()) as { Code: string }).Code, 'InvalidAction.NotFound');
      } finally {
        await server.stop();
      }
    }
  });

  it('a provider without its settings, or a template with an unknown placeholder, stops start-up with a clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-templates-'));
    try {
      writeFileSync(join(dir, 'sms.text.txt'), 'Code {{cod}}');
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ RDC_SMS_PROVIDER: 'webhook' }, /^RDC_SMS_WEBHOOK_URL \(--sms-webhook-url\) is required when RDC_SMS_PROVIDER is webhook$/],
        [{ RDC_SMS_PROVIDER: 'aliyun', RDC_SMS_ALIYUN_ACCESS_KEY_ID: 'LTAIx' }, /^RDC_SMS_ALIYUN_ACCESS_KEY_SECRET .* is required when RDC_SMS_PROVIDER is aliyun$/],
        [{ RDC_TEMPLATES_DIR: dir }, /sms\.text\.txt: unknown placeholder \{\{cod\}\}/],
        [{ RDC_TEMPLATES_DIR: join(dir, 'missing') }, /^RDC_TEMPLATES_DIR .*no such folder/],
        [{ RDC_SMS_PROVIDER: 'sms-gateway' }, /^RDC_SMS_PROVIDER \(--sms-provider\) must be one of outbox, webhook, aliyun/],
        [{ RDC_SMTP_URL: 'http://mail.example.com' }, /^RDC_SMTP_URL \(--smtp-url\) must be an smtp:\/\/ or smtps:\/\/ URL, got \(hidden\)$/],
      ];
      for (const [env, message] of cases) {
        await assert.rejects(startTestServer(env), (err: unknown) => err instanceof ConfigError && message.test(err.message), JSON.stringify(env));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
