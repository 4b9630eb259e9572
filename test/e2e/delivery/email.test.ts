import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { startSmtp, SMTP_USER, type TestSmtp } from '../../support/smtp.js';
import { launchChromium } from '../../support/browser.js';
import { eventually } from '../../support/eventually.js';
import { addContact, enableDirectory, tokenOf } from '../../support/contacts.js';
import { openTestDatabase } from '../../support/database.js';

describe('email verification over a real SMTP server, confirmed in Chromium (openapi-core V3)', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let call: Call;
  let browser: Browser;
  before(async () => {
    smtp = await startSmtp();
    // The loopback server offers no STARTTLS: the password goes in clear, which must be allowed explicitly.
    server = await startTestServer({ RDC_SMTP_URL: smtp.url, RDC_SMTP_ALLOW_INSECURE_AUTH: 'true', RDC_MAIL_FROM: 'Contacts <contacts@example.com>' });
    call = server.client('openapi-core-v3');
    await enableDirectory(server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const status = async (id: string) => (await call('GetMessageContact', { ContactId: id })).Contact.Status;
  const pendingTargets = async (id: string) => (await call('ListMessageContactVerifications', { ContactId: id })).ContactVerifications.map((v: { Target: string }) => v.Target);

  it('the mail arrives with a text and an HTML part; the page confirms on the button only; the contact becomes Active', async () => {
    const id = await addContact(call, { Name: 'Alice', EmailAddress: 'alice@example.com' });
    const before = smtp.mails.length;
    assert.deepEqual(Object.keys(await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'alice@example.com' })), ['RequestId']);
    const mail = (await smtp.waitFor(before + 1))[before]!;
    assert.equal(mail.user, SMTP_USER, 'nodemailer logged in with the credentials of RDC_SMTP_URL');
    assert.equal(mail.tls, false);
    assert.equal(mail.from, 'contacts@example.com');
    assert.deepEqual(mail.to, ['alice@example.com']);
    assert.match(mail.headers.get('from') ?? '', /Contacts <contacts@example\.com>/);
    assert.equal(mail.subject, 'Verify the email address of message contact Alice');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/verify\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    assert.ok(link, `the text part carries the link: ${mail.text}`);
    assert.equal(link, server.url + '/verify/' + tokenOf(link));
    assert.ok(mail.html.includes(`href="${link}"`), 'the HTML part links to the page');
    assert.match(mail.html, /<strong>alice@example\.com<\/strong>/);

    // Delivered: the queued row is sent and no longer holds the link; email is not captured in the outbox.
    const rows = await eventually('the message marked sent', async () => {
      const r = await server.store.outbox.list(id);
      return r.every((m) => m.state === 'sent') && r;
    });
    assert.deepEqual(rows.map((r) => [r.state, r.link, r.attempts]), [['sent', '', 1]]);
    const outbox = (await (await fetch(server.url + '/_rdc/outbox')).json()) as { Messages: unknown[] };
    assert.deepEqual(outbox.Messages, [], 'email with SMTP configured is never in the outbox');

    const page = await browser.newPage();
    try {
      const response = await page.goto(link);
      assert.equal(response?.status(), 200);
      assert.equal(await page.title(), 'Confirm your email address · rdcontacts');
      const facts = await page.locator('dl').innerText();
      assert.match(facts, /Alice/);
      assert.match(facts, /alice@example\.com/);
      assert.equal(await page.locator('form[method="post"]').count(), 1, 'one form that posts');
      // Opening (and reloading) the page verifies nothing.
      await page.reload();
      assert.equal(await status(id), 'Verifying');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Confirm email address' }).click()]);
      assert.equal(await page.title(), 'Email address verified · rdcontacts');
      assert.match(await page.locator('main').innerText(), /alice@example\.com is now the verified email address of message contact Alice/);
      assert.equal(await status(id), 'Active');
      assert.deepEqual(await pendingTargets(id), []);

      // The same link again: already used, 410, for a GET and for a press of the button.
      const again = await page.goto(link);
      assert.equal(again?.status(), 410);
      assert.equal(await page.title(), 'This link was already used · rdcontacts');
    } finally {
      await page.close();
    }
  });

  it('a reused or expired link changes nothing, whether opened or posted', async () => {
    const id = await addContact(call, { Name: 'Bruno', EmailAddress: 'bruno@example.com' });
    const count = smtp.mails.length;
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'bruno@example.com' });
    const first = /\/verify\/([A-Za-z0-9_-]{43})/.exec((await smtp.waitFor(count + 1))[count]!.text)![1]!;
    const confirmed = await fetch(`${server.url}/verify/${first}`, { method: 'POST' });
    assert.equal(confirmed.status, 200);
    assert.equal(await status(id), 'Active');

    // A change of address is pending; the used link of the old address cannot confirm anything.
    await call('UpdateMessageContact', { ContactId: id, EmailAddress: 'bruno.new@example.com' });
    const reused = await fetch(`${server.url}/verify/${first}`, { method: 'POST' });
    assert.equal(reused.status, 410);
    assert.match(await reused.text(), /This link was already used/);
    assert.deepEqual(await pendingTargets(id), ['bruno.new@example.com']);

    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'bruno.new@example.com' });
    const second = /\/verify\/([A-Za-z0-9_-]{43})/.exec((await smtp.waitFor(count + 2))[count + 1]!.text)![1]!;
    const db = openTestDatabase(server.dataDir);
    try {
      await db.updateTable('verification_tokens').set({ expires_at: Date.now() - 1000 }).where('contact_id', '=', id).where('target', '=', 'bruno.new@example.com').execute();
    } finally {
      await db.destroy();
    }
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${server.url}/verify/${second}`, { method });
      assert.equal(res.status, 410, method);
      assert.match(await res.text(), /This link has expired/, method);
    }
    assert.deepEqual(await pendingTargets(id), ['bruno.new@example.com'], 'the change is still pending');
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.EmailAddress, 'bruno@example.com');
  });
});

describe('email over smtps:// (implicit TLS)', () => {
  it('delivers through a TLS SMTP server with the credentials of the URL', async () => {
    const smtp = await startSmtp(0, true);
    // Opened before the server: closed even when the server fails to start, or the test file never ends.
    let server: TestServer | undefined;
    try {
      server = await startTestServer({ RDC_SMTP_URL: smtp.url });
      const call = server.client('pop-core-post');
      await enableDirectory(server);
      const id = await addContact(call, { EmailAddress: 'tls@example.com' });
      await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'tls@example.com' });
      const [mail] = await smtp.waitFor(1);
      assert.equal(mail!.user, SMTP_USER);
      assert.equal(mail!.tls, true, 'over TLS');
      assert.deepEqual(mail!.to, ['tls@example.com']);
      assert.match(mail!.text, /\/verify\/[A-Za-z0-9_-]{43}/);
    } finally {
      await server?.stop();
      await smtp.close();
    }
  });
});

describe('SMTP credentials are never sent in clear by default', () => {
  it('a server without STARTTLS gets no AUTH: the delivery fails and is kept for a retry; nothing is sent', async () => {
    const smtp = await startSmtp();
    const server = await startTestServer({ RDC_SMTP_URL: smtp.url });
    try {
      const call = server.client('pop-core-post');
      await enableDirectory(server);
      const id = await addContact(call, { EmailAddress: 'clear@example.com' });
      await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'clear@example.com' });
      const failed = await eventually('a failed attempt recorded', async () => {
        const row = (await server.store.outbox.list(id))[0];
        return row && Number(row.attempts) >= 1 && row;
      });
      assert.equal(failed.state, 'queued');
      assert.match(failed.lastError ?? '', /STARTTLS/i);
      assert.deepEqual(smtp.logins, [], 'no login was attempted');
      assert.equal(smtp.mails.length, 0);
    } finally {
      await server.stop();
      await smtp.close();
    }
  });
});
