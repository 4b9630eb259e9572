import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type Tenant, type TestServer } from '../../support/server.js';
import { errorOf, type Credentials } from '../../support/clients.js';
import { genericClient } from '../../support/generic-client.js';
import { addContact, PHONE, type OutboxMessage as Message } from '../../support/contacts.js';
import { parsePolicy, systemPolicy, type Policy } from '../../../src/auth/policy.js';

const A = '1000000000000001';
const VERSION = '2026-12-01';


describe('ListOutboxMessages (API 2026-12-01): the signed, tenant-scoped outbox', () => {
  let server: TestServer;
  let url: string;
  let tenantB: Tenant;
  let a1: string;
  let a2: string;
  let b1: string;
  const list = (creds: Credentials, params: Record<string, string | number> = {}) => genericClient(url, creds, { version: VERSION })('ListOutboxMessages', params);
  const failure = (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: any) => err);
  const addUser = (id: string, name: string, policies: Policy[]): Credentials => {
    server.keys.replace([...server.keys.all(), { id, secret: `secret-of-${id}`, status: 'Active', principal: { accountId: A, type: 'SubUser', name }, policies }]);
    return { accessKeyId: id, accessKeySecret: `secret-of-${id}` };
  };

  before(async () => {
    // Listening on every address: the unauthenticated GET /_rdc/outbox is off, the signed action is not.
    server = await startTestServer({ RDC_HOST: '0.0.0.0', RDC_ROOT_ACCOUNT_ID: A });
    url = `http://127.0.0.1:${server.port}`;
    tenantB = server.addTenant();
    for (const creds of [server.creds, tenantB.creds]) await genericClient(url, creds)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const callA = server.client('openapi-core-v3');
    const callB = server.client('openapi-core-v3', tenantB.creds);
    a1 = await addContact(callA, { EmailAddress: 'a1@example.com', PhoneNumber: PHONE });
    a2 = await addContact(callA, { EmailAddress: 'a2@example.com' });
    b1 = await addContact(callB, { EmailAddress: 'b1@example.com', PhoneNumber: PHONE });
    await callA('SendPhoneVerificationForMessageContact', { ContactId: a1, PhoneNumber: PHONE });
    await callA('SendEmailVerificationForMessageContact', { ContactId: a2, EmailAddress: 'a2@example.com' });
    await callB('SendPhoneVerificationForMessageContact', { ContactId: b1, PhoneNumber: PHONE });
  });
  after(() => server?.stop());

  it('answers the caller tenant’s captured messages, newest first, with the fields of the outbox; GET /_rdc/outbox is off here', async () => {
    assert.equal((await fetch(`${url}/_rdc/outbox`)).status, 404);
    const body = await list(server.creds);
    const messages: Message[] = body.Messages;
    assert.match(body.RequestId, /^[0-9A-F-]{36}$/);
    assert.equal(body.MaxResults, 10);
    assert.equal(body.NextToken, undefined);
    assert.deepEqual(new Set(messages.map((m) => m.ContactId)), new Set([a1, a2]));
    for (const m of messages) assert.deepEqual(Object.keys(m), ['Id', 'Channel', 'To', 'Subject', 'Text', 'Link', 'Code', 'ContactId', 'SentAt', 'MessageId']);
    const sms = messages.find((m) => m.Channel === 'sms')!;
    assert.equal(sms.To, PHONE);
    assert.match(sms.Code ?? '', /^\d{6}$/);
    assert.match(sms.Link, /\/verify\/[A-Za-z0-9_-]{43}$/);
    const times = messages.map((m) => m.SentAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  });

  it('another tenant sees nothing of the first’s (also filtering by its address or its contact)', async () => {
    const b: Message[] = (await list(tenantB.creds)).Messages;
    assert.ok(b.length > 0);
    assert.ok(b.every((m) => m.ContactId === b1));
    assert.deepEqual((await list(tenantB.creds, { To: 'a2@example.com' })).Messages, []);
    assert.deepEqual((await list(tenantB.creds, { ContactId: a1 })).Messages, []);
    const a: Message[] = (await list(server.creds, { To: PHONE })).Messages;
    assert.ok(a.length > 0 && a.every((m) => m.ContactId === a1), 'the same number at another tenant is not listed');
  });

  it('filters by To, ContactId and Channel; pages with MaxResults and NextToken', async () => {
    assert.deepEqual((await list(server.creds, { To: 'a2@example.com' })).Messages.map((m: Message) => [m.ContactId, m.Channel]), [[a2, 'email']]);
    assert.ok((await list(server.creds, { Channel: 'sms' })).Messages.every((m: Message) => m.Channel === 'sms'));
    assert.ok((await list(server.creds, { ContactId: a1 })).Messages.every((m: Message) => m.ContactId === a1));
    const all: Message[] = (await list(server.creds, { MaxResults: 100 })).Messages;
    const walked: string[] = [];
    let token: string | undefined;
    do {
      const page = await list(server.creds, { MaxResults: 1, ...(token !== undefined && { NextToken: token }) });
      assert.ok(page.Messages.length <= 1);
      walked.push(...page.Messages.map((m: Message) => m.Id));
      token = page.NextToken;
    } while (token !== undefined);
    assert.deepEqual(walked, all.map((m) => m.Id));
  });

  it('bad parameters answer 400 with their code; under Version 2022-04-19 the action does not exist', async () => {
    for (const [params, code] of [
      [{ MaxResults: 0 }, 'InvalidParameter.MaxResults'],
      [{ MaxResults: 101 }, 'InvalidParameter.MaxResults'],
      [{ NextToken: 'not-a-token' }, 'InvalidParameter.NextToken'],
      [{ Channel: 'fax' }, 'InvalidParameter.Channel'],
      [{ ContactId: 'nope' }, 'InvalidParameter.ContactId'],
    ] as Array<[Record<string, string | number>, string]>) {
      const err = await failure(list(server.creds, params));
      assert.deepEqual([errorOf(err).code, errorOf(err).status], [code, 400], JSON.stringify(params));
    }
    const err = await failure(genericClient(url, server.creds)('ListOutboxMessages'));
    assert.equal(errorOf(err).code, 'InvalidAction.NotFound');
  });

  it('RAM: rdcontacts:ListOutboxMessages (AliyunRdcontactsReadOnlyAccess), not a Resource Directory policy; a Deny on a contact hides its messages', async () => {
    const rdReader = addUser('LTAIrdreader0001', 'rdreader', [systemPolicy('AliyunResourceDirectoryFullAccess')!]);
    const err = await failure(list(rdReader));
    assert.equal(errorOf(err).code, 'NoPermission');
    assert.equal(err.accessDeniedDetail.AuthAction, 'rdcontacts:ListOutboxMessages');
    const reader = addUser('LTAIoutbox00001', 'outbox', [systemPolicy('AliyunRdcontactsReadOnlyAccess')!]);
    assert.deepEqual(new Set((await list(reader)).Messages.map((m: Message) => m.ContactId)), new Set([a1, a2]));
    const deny = parsePolicy({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'rdcontacts:*', Resource: `acs:resourcemanager:*:${A}:messagecontact/${a1}` }] }, 'denied.policies[1]');
    const denied = addUser('LTAIdenied00001', 'denied', [systemPolicy('AliyunRdcontactsFullAccess')!, deny]);
    assert.deepEqual(new Set((await list(denied)).Messages.map((m: Message) => m.ContactId)), new Set([a2]));
    assert.equal(errorOf(await failure(list(denied, { ContactId: a1 }))).code, 'NoPermission');
  });
});
