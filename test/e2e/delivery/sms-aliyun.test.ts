import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Call } from '../../support/clients.js';
import { eventually } from '../../support/eventually.js';
import { startReceiver, type Received, type Receiver } from '../../support/receiver.js';
import { addAccount, addContact, enableDirectory } from '../../support/contacts.js';
import { seedContact, settledMessage } from '../../support/messages.js';
import { decodeParams } from '../../../src/protocol/params.js';
import { verifySignatureV1 } from '../../../src/protocol/signature-v1.js';
import { aliyunPhoneNumber } from '../../../src/delivery/sms-aliyun.js';

const KEY_ID = 'LTAIsmsSender000001';
const KEY_SECRET = 'sms-sender-secret-000001';

/** Alibaba Cloud SMS as far as SendSms goes: checks the V1 signature, answers like dysmsapi. */
function dysmsapi(req: Received, busy: () => boolean): { status: number; body: unknown } {
  const params = decodeParams(req.body);
  if (req.method !== 'POST' || !verifySignatureV1('POST', params, KEY_SECRET) || params.get('AccessKeyId') !== KEY_ID) {
    return { status: 400, body: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'R-1' } };
  }
  if (busy()) return { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'limit', RequestId: 'R-2' } };
  return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'R-3' } };
}

describe('SMS through Alibaba Cloud SendSms (pop-core), against a local stand-in that checks the V1 signature', () => {
  let standIn: Receiver;
  let server: TestServer;
  let call: Call;
  let busyOnce = false;
  before(async () => {
    standIn = await startReceiver((req) =>
      dysmsapi(req, () => {
        const was = busyOnce;
        busyOnce = false;
        return was;
      }),
    );
    server = await startTestServer({
      RDC_SMS_PROVIDER: 'aliyun',
      RDC_SMS_ALIYUN_ACCESS_KEY_ID: KEY_ID,
      RDC_SMS_ALIYUN_ACCESS_KEY_SECRET: KEY_SECRET,
      RDC_SMS_ALIYUN_SIGN_NAME: 'Contacts',
      RDC_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_123456789',
      RDC_SMS_ALIYUN_TEMPLATE_PARAM: '{"code":"{{code}}","url":"{{ link }}"}',
      RDC_SMS_ALIYUN_ENDPOINT: standIn.url,
    });
    call = server.client('openapi-core-v1');
    await enableDirectory(server);
  });
  after(async () => {
    await server?.stop();
    await standIn?.close();
  });

  it('sends the right SendSms call; a refusal (isv.BUSINESS_LIMIT_CONTROL) is retried; the code verifies the phone', async () => {
    const id = await addContact(call, { PhoneNumber: '86-13900004444' });
    busyOnce = true;
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13900004444' });
    const row = await eventually('the SMS delivered', async () => {
      const r = (await server.store.outbox.list(id)).at(-1);
      return r?.state === 'sent' && r;
    });
    assert.equal(row.attempts, 2, 'refused once, then sent');
    assert.equal(standIn.requests.length, 2);
    const params = decodeParams(standIn.requests[1]!.body);
    assert.ok(verifySignatureV1('POST', params, KEY_SECRET), 'signed V1 with the SMS AccessKey');
    assert.deepEqual(
      Object.fromEntries(['Action', 'Version', 'Format', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'PhoneNumbers', 'SignName', 'TemplateCode', 'OutId'].map((k) => [k, params.get(k)])),
      { Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', AccessKeyId: KEY_ID, PhoneNumbers: '13900004444', SignName: 'Contacts', TemplateCode: 'SMS_123456789', OutId: row.id },
    );
    const templateParam = JSON.parse(params.get('TemplateParam')!) as { code: string; url: string };
    assert.deepEqual(Object.keys(templateParam), ['code', 'url']);
    assert.match(templateParam.code, /^\d{6}$/);
    assert.match(templateParam.url, /\/verify\/[A-Za-z0-9_-]{43}$/);

    // The person enters the code on the page of the link.
    const res = await fetch(templateParam.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${templateParam.code}` });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Phone number verified/);
    const pending = (await call('ListMessageContactVerifications', { ContactId: id })).ContactVerifications.map((v: { Target: string }) => v.Target);
    assert.deepEqual(pending, ['someone@example.com']);
  });

  it('a published notice is not sent through the approved verification template: its SMS delivery fails with the reason', async () => {
    const rd = await server.app.services.directory.require(server.root.accountId);
    const account = await addAccount(server, rd, rd.rootFolderId);
    await seedContact(server.store, rd, ['FaultMessage'], [account], '86-13900005555');
    const before = standIn.requests.length;
    const { MessageId } = await server.extensionClient()('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: account });
    const sms = (await settledMessage(server.extensionClient(), MessageId)).Deliveries.find((d: any) => d.Channel === 'sms');
    assert.equal(sms.State, 'Failed');
    assert.match(sms.LastError, /sends only its approved verification template; notices need RDC_SMS_PROVIDER=webhook/);
    assert.equal(standIn.requests.length, before, 'nothing went to SendSms');
  });

  it('numbers of mainland China are sent without their country code, others with it', () => {
    assert.equal(aliyunPhoneNumber('86-13900004444'), '13900004444');
    assert.equal(aliyunPhoneNumber('852-61234567'), '85261234567');
  });
});
