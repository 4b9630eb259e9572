import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { launchChromium } from '../../support/browser.js';
import { eventually } from '../../support/eventually.js';
import { startReceiver, type Received, type Receiver } from '../../support/receiver.js';
import { addContact, enableDirectory } from '../../support/contacts.js';

const SECRET = 'webhook-secret-0123456789';

/** What a receiver does with the X-Rdc-Signature header, as the README tells it. */
function signatureIsValid(req: Received): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-rdc-signature'] ?? ''));
  if (!m) return false;
  const expected = createHmac('sha256', SECRET).update(`${m[1]}.${req.body}`).digest('hex');
  return expected === m[2] && Math.abs(Date.now() / 1000 - Number(m[1])) < 300;
}

describe('SMS through the webhook provider; the code page (Chromium and plain HTTP)', () => {
  let receiver: Receiver;
  let server: TestServer;
  let call: Call;
  let browser: Browser;
  let refuseNext = 0;
  before(async () => {
    receiver = await startReceiver((req) => {
      if (!signatureIsValid(req)) return { status: 401, body: { error: 'bad signature' } };
      if (refuseNext > 0) {
        refuseNext--;
        return { status: 503, body: { error: 'try later' } };
      }
      return { status: 200, body: { ok: true } };
    });
    server = await startTestServer({ RDC_SMS_PROVIDER: 'webhook', RDC_SMS_WEBHOOK_URL: receiver.url + '/sms', RDC_SMS_WEBHOOK_SECRET: SECRET });
    call = server.client('openapi-client-v3');
    await enableDirectory(server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  /** Sends a phone verification and returns the JSON the receiver accepted (with a valid signature). */
  async function sendSms(id: string, phone: string): Promise<{ To: string; Text: string; Code: string; Link: string }> {
    const before = receiver.requests.length;
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: phone });
    await eventually('the SMS delivered', async () => (await server.store.outbox.list(id)).at(-1)?.state === 'sent');
    const req = receiver.requests.slice(before).filter((r) => JSON.parse(r.body).To === phone).at(-1);
    assert.ok(req && signatureIsValid(req), 'the receiver got the SMS with a valid signature');
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/sms');
    assert.match(String(req.headers['content-type']), /^application\/json/);
    return JSON.parse(req.body);
  }
  const pending = async (id: string) => (await call('ListMessageContactVerifications', { ContactId: id })).ContactVerifications.map((v: { Target: string }) => v.Target);

  it('the receiver gets {To, Text, Code, Link} signed with HMAC-SHA256; a refused call is retried; SMS never reach the outbox', async () => {
    const id = await addContact(call, { PhoneNumber: '86-13900001111' });
    refuseNext = 1;
    const first = receiver.requests.length;
    const sms = await sendSms(id, '86-13900001111');
    assert.deepEqual(Object.keys(sms), ['To', 'Text', 'Code', 'Link']);
    assert.equal(sms.To, '86-13900001111');
    assert.match(sms.Code, /^\d{6}$/);
    assert.match(sms.Link, new RegExp(`^${server.url.replace(/\./g, '\\.')}/verify/[A-Za-z0-9_-]{43}$`));
    assert.ok(sms.Text.includes(sms.Code) && sms.Text.includes(sms.Link), `the text carries code and link: ${sms.Text}`);
    assert.equal(receiver.requests.length - first, 2, 'refused once (503), delivered on the retry');
    const row = (await server.store.outbox.list(id)).at(-1)!;
    assert.deepEqual([row.state, row.attempts, row.code], ['sent', 2, null]);
    assert.equal((await fetch(`${server.url}/_rdc/outbox?to=86-13900001111`)).status, 404, 'with an SMS provider the outbox is off (RDC_OUTBOX=auto)');
  });

  it('in Chromium: the code page refuses a wrong code and accepts the right one', async () => {
    const id = await addContact(call, { Name: 'Carla', PhoneNumber: '86-13900002222' });
    const sms = await sendSms(id, '86-13900002222');
    const wrong = sms.Code === '000000' ? '111111' : '000000';
    const page = await browser.newPage();
    try {
      assert.equal((await page.goto(sms.Link))?.status(), 200);
      assert.equal(await page.title(), 'Verify your phone number · rdcontacts');
      assert.match(await page.locator('dl').innerText(), /Carla[\s\S]*86-13900002222/);
      const input = page.getByLabel('Verification code');
      assert.equal(await input.getAttribute('name'), 'code');
      await input.fill(wrong);
      const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verify phone number' }).click()]);
      assert.equal(refused?.status(), 422);
      assert.equal(await page.getByRole('alert').innerText(), 'That code is not right. 4 attempts left.');
      assert.deepEqual(await pending(id), ['someone@example.com', '86-13900002222']);
      await page.getByLabel('Verification code').fill(sms.Code);
      const [accepted] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verify phone number' }).click()]);
      assert.equal(accepted?.status(), 200);
      assert.equal(await page.title(), 'Phone number verified · rdcontacts');
    } finally {
      await page.close();
    }
    assert.deepEqual(await pending(id), ['someone@example.com']);
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.PhoneNumber, '86-13900002222');
  });

  it('five wrong codes void the token: the right code is refused afterwards', async () => {
    const id = await addContact(call, { PhoneNumber: '86-13900003333' });
    const sms = await sendSms(id, '86-13900003333');
    const wrong = sms.Code === '123456' ? '654321' : '123456';
    const post = (code: string) => fetch(sms.Link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code }).toString() });
    const missing = await fetch(sms.Link, { method: 'POST' });
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /Enter the 6-digit code from the SMS/);
    for (let left = 4; left >= 1; left--) {
      const res = await post(wrong);
      assert.equal(res.status, 422);
      assert.match(await res.text(), new RegExp(`That code is not right\\. ${left} attempts? left\\.`));
    }
    const fifth = await post(wrong);
    assert.equal(fifth.status, 410);
    assert.match(await fifth.text(), /This link has expired/);
    const right = await post(sms.Code);
    assert.equal(right.status, 410, 'the right code no longer works');
    assert.deepEqual(await pending(id), ['someone@example.com', '86-13900003333'], 'the phone is still unverified');
  });
});
