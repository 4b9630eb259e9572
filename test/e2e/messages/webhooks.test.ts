/**
 * Message webhooks end to end: receivers on loopback that check the signatures the way each service does
 * (a Standard Webhooks verifier checked against the specification's own test vector, DingTalk's and
 * Feishu's custom-robot checks), DingTalk's "HTTP 200 with an error code" retried, a receiver that never
 * answers cut off by the timeout, URL checks at creation, and tenancy.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { startTestServer, type TestServer } from '../../support/server.js';
import { startReceiver, type Received, type Receiver } from '../../support/receiver.js';
import { addAccount, addFolder, enableDirectory, expectError } from '../../support/contacts.js';
import { seedContact, settledMessage } from '../../support/messages.js';
import type { Call } from '../../support/clients.js';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Standard Webhooks verification as the reference library does it (5 minutes' tolerance, any v1 entry). */
function standardWebhookOk(secret: string, headers: Record<string, string | string[] | undefined>, body: string, nowS = Math.floor(Date.now() / 1000)): boolean {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sigs = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof ts !== 'string' || typeof sigs !== 'string') return false;
  const t = Number.parseInt(ts, 10);
  if (!Number.isFinite(t) || Math.abs(nowS - t) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${t}.${body}`).digest('base64');
  return sigs.split(' ').some((entry) => {
    const [version, sig] = entry.split(',');
    return version === 'v1' && sig !== undefined && same(sig, expected);
  });
}

/** DingTalk: `timestamp` (ms) and `sign` in the query, within an hour. */
function dingTalkOk(url: string, secret: string): boolean {
  const u = new URL(url, 'http://x');
  const ts = u.searchParams.get('timestamp');
  const sign = u.searchParams.get('sign');
  if (!ts || !sign || !/^\d+$/.test(ts) || Math.abs(Date.now() - Number(ts)) > 3600_000) return false;
  return same(sign, createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
}

/** Feishu: `timestamp` (s) and `sign` in the body; the HMAC is keyed by "timestamp\nsecret" over nothing. */
function feishuOk(body: { timestamp?: string; sign?: string }, secret: string): boolean {
  const ts = String(body.timestamp ?? '');
  if (!/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 3600) return false;
  return same(body.sign ?? '', createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64'));
}

describe('message webhooks', () => {
  let server: TestServer;
  let call: Call;
  let account: string;
  let standard: Receiver, dingtalk: Receiver, feishu: Receiver, slack: Receiver;
  const DING_SECRET = 'SECtestsecret0123456789';
  const FEISHU_SECRET = 'feishu-secret';
  let dingtalkRefusals = 1;

  before(async () => {
    standard = await startReceiver();
    dingtalk = await startReceiver((req: Received) => {
      if (!dingTalkOk(req.url, DING_SECRET)) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
      // The first well-signed one is throttled, as DingTalk answers: HTTP 200 with an error code.
      if (dingtalkRefusals-- > 0) return { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } };
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    });
    feishu = await startReceiver((req) =>
      feishuOk(JSON.parse(req.body), FEISHU_SECRET)
        ? { status: 200, body: { code: 0, msg: 'success', data: {}, Extra: null, StatusCode: 0, StatusMessage: 'success' } }
        : { status: 200, body: { code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' } },
    );
    slack = await startReceiver(() => ({ status: 200, body: 'ok' }));
    server = await startTestServer({ RDC_WEBHOOK_TIMEOUT: '1' });
    call = server.extensionClient();
    const rd = await enableDirectory(server);
    account = await addAccount(server, rd, rd.rootFolderId);
    await seedContact(server.store, rd, ['SecurityMessage'], [account]);
  });
  after(async () => {
    await server?.stop();
    for (const r of [standard, dingtalk, feishu, slack]) await r?.close();
  });

  it('the Standard Webhooks verifier of this test accepts the specification’s vector (and nothing else)', () => {
    const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    assert.ok(standardWebhookOk('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232314}', 1614265330));
    assert.ok(!standardWebhookOk('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232314}', 1614265330 + 301));
    assert.ok(!standardWebhookOk('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx', headers, '{"test": 2432232314}', 1614265330));
  });

  it('each published message of a subscribed type is POSTed once per webhook, signed as its format says', async () => {
    const created = await call('CreateMessageWebhook', { Url: standard.url + '/hooks/rdc', MessageTypes: ['SecurityMessage'], Format: 'standard' });
    assert.match(created.WebhookId, /^wh-[0-9A-Za-z]{16}$/);
    assert.match(created.Secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a generated secret, answered once');
    const ding = await call('CreateMessageWebhook', { Url: dingtalk.url + '/robot/send?access_token=tok123', MessageTypes: ['SecurityMessage', 'FaultMessage'], Format: 'dingtalk', Secret: DING_SECRET });
    assert.equal(ding.Secret, undefined, 'a given secret is not echoed');
    await call('CreateMessageWebhook', { Url: feishu.url + '/open-apis/bot/v2/hook/abc', MessageTypes: ['SecurityMessage'], Format: 'feishu', Secret: FEISHU_SECRET });
    await call('CreateMessageWebhook', { Url: slack.url + '/services/T/B/X', MessageTypes: ['SecurityMessage'], Format: 'slack' });
    await call('CreateMessageWebhook', { Url: slack.url + '/other', MessageTypes: ['ProductMessage'], Format: 'slack' });

    const listed = await call('ListMessageWebhooks');
    assert.equal(listed.Webhooks.length, 5);
    assert.deepEqual(listed.Webhooks[1], { WebhookId: ding.WebhookId, Url: dingtalk.url + '/robot/send', Format: 'dingtalk', MessageTypes: ['SecurityMessage', 'FaultMessage'], Signed: true, CreateTime: listed.Webhooks[1].CreateTime });
    assert.ok(!JSON.stringify(listed).includes('tok123') && !JSON.stringify(listed).includes(DING_SECRET), 'no credential is answered');

    const published = await call('PublishMessage', { MessageType: 'SecurityMessage', Subject: 'Key leaked', Content: 'Rotate AK of app-1.', TargetId: account });
    const message = await settledMessage(call, published.MessageId);
    const hooks = message.Deliveries.filter((d: any) => d.Channel === 'webhook');
    assert.equal(hooks.length, 4, 'the ProductMessage webhook is not told');
    assert.ok(hooks.every((d: any) => d.State === 'Sent'), JSON.stringify(hooks));
    const dingDelivery = hooks.find((d: any) => d.WebhookId === ding.WebhookId);
    assert.deepEqual([dingDelivery.Attempts, dingDelivery.To], [2, dingtalk.url + '/robot/send'], 'the throttled first attempt was retried');

    assert.equal(standard.requests.length, 1);
    const sent = standard.requests[0]!;
    assert.ok(standardWebhookOk(created.Secret, sent.headers, sent.body), 'the Standard Webhooks signature verifies');
    assert.equal(sent.headers['webhook-id'], hooks.find((d: any) => d.WebhookId === created.WebhookId).DeliveryId);
    const event = JSON.parse(sent.body);
    assert.equal(event.type, 'message.published');
    assert.equal(event.data.MessageId, published.MessageId);
    assert.deepEqual(event.data.Accounts, [{ AccountId: account, DisplayName: `acct-${account}`, Covered: true }]);
    assert.equal(event.data.Recipients.length, 1);
    assert.deepEqual(event.data.Recipients[0].AccountIds, [account]);

    assert.equal(dingtalk.requests.length, 2);
    for (const r of dingtalk.requests) {
      assert.ok(dingTalkOk(r.url, DING_SECRET), 'the DingTalk signature verifies');
      assert.equal(new URL(r.url, 'http://x').searchParams.get('access_token'), 'tok123', 'the robot token is kept');
    }
    const dingBody = JSON.parse(dingtalk.requests[0]!.body);
    assert.equal(dingBody.msgtype, 'markdown');
    assert.equal(dingBody.markdown.title, '[SecurityMessage] Key leaked');
    assert.ok(dingBody.markdown.text.includes('Rotate AK of app-1.') && dingBody.markdown.text.includes(account));

    assert.equal(feishu.requests.length, 1);
    const feishuBody = JSON.parse(feishu.requests[0]!.body);
    assert.ok(feishuOk(feishuBody, FEISHU_SECRET), 'the Feishu signature verifies');
    assert.equal(feishuBody.msg_type, 'text');
    assert.ok(feishuBody.content.text.includes('Key leaked'));

    const slackBodies = slack.requests.map((r) => JSON.parse(r.body));
    assert.equal(slackBodies.length, 1);
    assert.ok(slackBodies[0].text.startsWith('[SecurityMessage] Key leaked'));
  });

  it('a webhook that does not answer in RDC_WEBHOOK_TIMEOUT counts as a failed attempt, retried later', async () => {
    // A server that accepts the request and never answers.
    const stuck = createServer(() => undefined);
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(stuck.address() as { port: number }).port}/hook`;
      await call('CreateMessageWebhook', { Url: url, MessageTypes: ['ActivityMessage'], Format: 'slack' });
      const { MessageId } = await call('PublishMessage', { MessageType: 'ActivityMessage', Subject: 's', Content: 'c', TargetId: account });
      const deadline = Date.now() + 10_000;
      let delivery: any;
      for (;;) {
        delivery = (await call('GetMessage', { MessageId })).Message.Deliveries[0];
        if (delivery?.Attempts >= 1 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(delivery.State, 'Queued');
      assert.match(delivery.LastError, /timeout|aborted/i);
    } finally {
      stuck.closeAllConnections();
      stuck.close();
    }
  });

  it('each recipient in the payload with the accounts it covered: through a folder, its accounts, or the directory', async () => {
    const rd = await server.app.services.directory.require(server.root.accountId);
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const [a1, a2] = [await addAccount(server, rd, folder), await addAccount(server, rd, folder)];
    const a3 = await addAccount(server, rd, rd.rootFolderId);
    const viaFolder = await seedContact(server.store, rd, ['ServiceMessage'], [folder]);
    const viaAccounts = await seedContact(server.store, rd, ['ServiceMessage'], [a3, a1]);
    const viaDirectory = await seedContact(server.store, rd, ['ServiceMessage'], [rd.id]);
    const created = await call('CreateMessageWebhook', { Url: standard.url + '/hooks/routes', MessageTypes: ['ServiceMessage'], Format: 'standard' });
    const { MessageId } = await call('PublishMessage', { MessageType: 'ServiceMessage', Subject: 'Upgrade', Content: 'Planned.', TargetId: rd.id });
    const message = await settledMessage(call, MessageId);
    assert.ok(message.Deliveries.find((d: any) => d.WebhookId === created.WebhookId)?.State === 'Sent', JSON.stringify(message.Deliveries));
    const sent = standard.requests.filter((r) => r.url === '/hooks/routes');
    assert.equal(sent.length, 1);
    const event = JSON.parse(sent[0]!.body);
    assert.deepEqual(event.data.Accounts.map((a: any) => a.AccountId), message.AccountIds);
    const covered = Object.fromEntries(event.data.Recipients.map((r: any) => [r.ContactId, r.AccountIds]));
    assert.deepEqual(covered, {
      [viaFolder.id]: [a1, a2].sort(),
      [viaAccounts.id]: [a1, a3].sort(),
      [viaDirectory.id]: [...message.AccountIds],
    });
  });

  it('URLs are checked at creation; another tenant’s webhook answers as a missing one', async () => {
    await expectError(call('CreateMessageWebhook', { Url: 'ftp://example.com/x', MessageTypes: ['FaultMessage'], Format: 'slack' }), 'InvalidParameter.Url');
    await expectError(call('CreateMessageWebhook', { Url: 'https://user:pw@example.com/x', MessageTypes: ['FaultMessage'], Format: 'slack' }), 'InvalidParameter.Url.Credentials');
    await expectError(call('CreateMessageWebhook', { Url: 'https://example.com/x', MessageTypes: ['Bills'], Format: 'slack' }), 'InvalidParameter.MessageTypes');
    await expectError(call('CreateMessageWebhook', { Url: 'https://example.com/x', MessageTypes: ['FaultMessage'], Format: 'teams' }), 'InvalidParameter.Format');
    await expectError(call('CreateMessageWebhook', { Url: 'https://example.com/x', MessageTypes: ['FaultMessage'], Format: 'standard', Secret: 'whsec_c2hvcnQ=' }), 'InvalidParameter.Secret.Length');
    const mine = (await call('ListMessageWebhooks')).Webhooks[0].WebhookId;
    const other = server.addTenant();
    const theirs = server.extensionClient(other.creds);
    assert.deepEqual((await theirs('ListMessageWebhooks')).Webhooks, []);
    await expectError(theirs('DeleteMessageWebhook', { WebhookId: mine }), 'EntityNotExists.Webhook');
    await call('DeleteMessageWebhook', { WebhookId: mine });
    await expectError(call('DeleteMessageWebhook', { WebhookId: mine }), 'EntityNotExists.Webhook');
  });
});
