import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import OpenApiCore, { $OpenApiUtil as $Core, OpenApiUtil as CoreUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, makeClient, paramsFor, type Credentials } from '../../support/clients.js';
import { dropTestStore, openTestDatabase } from '../../support/database.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';
import { httpRequest, v1FormPost } from '../../support/hand-signed.js';
import { addContact, EMAIL } from '../../support/contacts.js';
import { MAX_PARAM_LENGTH } from '../../../src/protocol/params.js';
import { ConsoleClient } from '../../support/console.js';

const A = '1000000000000001';
const B = '2000000000000002';
const DAY = 86_400_000;

interface LookupQuery {
  StartTime?: string;
  EndTime?: string;
  LookupAttribute?: Array<{ Key: string; Value: string }>;
  MaxResults?: string;
  NextToken?: string;
  Direction?: string;
}

/** LookupEvents exactly as the Actiontrail 2020-07-06 SDK sends it (lookupEventsWithOptions): every field in the query of a POST. */
async function lookupEvents(url: string, creds: Credentials, query: LookupQuery = {}, signatureAlgorithm?: 'v2'): Promise<any> {
  const config = new $Core.Config({ ...creds, endpoint: url.replace(/^https?:\/\//, ''), protocol: 'http' });
  if (signatureAlgorithm) config.signatureAlgorithm = signatureAlgorithm;
  const client = new OpenApiCore.default(config);
  const params = new $Core.Params(paramsFor('LookupEvents', '2020-07-06'));
  const res = await client.callApi(params, new $Core.OpenApiRequest({ query: CoreUtil.query(query as Record<string, any>) }), new $dara.RuntimeOptions({}));
  return res.body;
}

/** The one event of a request, looked up by EventName and matched on its RequestId. */
async function eventOf(url: string, creds: Credentials, eventName: string, requestId: string): Promise<any> {
  const body = await lookupEvents(url, creds, { LookupAttribute: [{ Key: 'EventName', Value: eventName }], MaxResults: '50' });
  const events = (body.Events as any[]).filter((e) => e.requestId === requestId);
  assert.equal(events.length, 1, `one event of ${eventName} ${requestId}`);
  return events[0];
}

const failure = async (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (err: unknown) => err);

describe('the audit trail, read with ActionTrail LookupEvents through the official client', () => {
  let server: TestServer;
  let db: Kysely<any>;
  const auditDir = mkdtempSync(join(tmpdir(), 'rdc-audit-'));
  const auditFile = join(auditDir, 'audit.jsonl');
  const url = () => server.url;

  before(async () => {
    const file = writeIdentities({
      accounts: [
        {
          accountId: A,
          ramUsers: [
            { name: 'auditor', accessKeys: [key('LTAIauditor0001')], policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: 'actiontrail:LookupEvents', Resource: `acs:actiontrail:*:${A}:*` }] }] },
            { name: 'nobody', accessKeys: [key('LTAInobody00001')] },
            { name: 'deployer', accessKeys: [key('LTAIdeployer001')], policies: ['AliyunSTSAssumeRoleAccess'] },
          ],
          roles: [
            {
              name: 'trail-reader',
              trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${A}:user/deployer`] } }] },
              policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: 'actiontrail:LookupEvents', Resource: `acs:actiontrail:*:${A}:*` }] }],
            },
          ],
        },
        { accountId: B, accessKeys: [key('LTAIrootB00001')] },
      ],
    });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file, RDC_AUDIT_LOG_FILE: auditFile, RDC_HOUSEKEEPING_INTERVAL: '3600' });
    db = openTestDatabase(server.dataDir);
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(async () => {
    await db.destroy();
    await server.stop();
    rmSync(auditDir, { recursive: true, force: true });
  });

  it('an allowed call makes one event with the ActionTrail fields, the caller and its parameters', async () => {
    const before = Date.now();
    const contactId = await addContact(server.client('openapi-core-v3'));
    const listed = await lookupEvents(url(), server.creds, { LookupAttribute: [{ Key: 'EventName', Value: 'AddMessageContact' }] });
    assert.equal(listed.Events.length, 1, 'one event for one call');
    assert.match(listed.RequestId, /^[0-9A-F-]{36}$/);
    assert.match(listed.StartTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.match(listed.EndTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(listed.NextToken, undefined, 'no NextToken on the last page');
    const event = listed.Events[0];
    assert.match(event.eventId, /^[0-9A-F-]{36}$/);
    assert.equal(event.eventName, 'AddMessageContact');
    assert.equal(event.eventSource, '127.0.0.1');
    assert.equal(event.eventType, 'ApiCall');
    assert.equal(event.eventCategory, 'Management');
    assert.equal(event.eventVersion, 1);
    assert.equal(event.eventRW, 'Write');
    assert.match(event.eventTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Date.parse(event.eventTime) >= Math.floor(before / 1000) * 1000 && Date.parse(event.eventTime) <= Date.now());
    assert.equal(event.apiVersion, '2022-04-19');
    assert.match(event.requestId, /^[0-9A-F-]{36}$/);
    assert.equal(event.serviceName, 'ResourceDirectoryMaster');
    assert.equal(event.sourceIpAddress, '127.0.0.1');
    assert.match(event.userAgent, /AlibabaCloud/);
    assert.deepEqual(event.userIdentity, { type: 'root-account', accountId: A, principalId: A, accessKeyId: server.creds.accessKeyId, userName: 'root' });
    assert.equal(event.requestParameters.EmailAddress, EMAIL);
    assert.equal(event.requestParameters['MessageTypes.1'], 'AccountExpenses');
    assert.equal(event.errorCode, undefined, 'a successful call has no errorCode');
    assert.equal(event.errorMessage, undefined);
    assert.equal(event.isGlobal, true);
    assert.equal(event.tenant, A);
    // A read is a Read, and LookupEvents' own calls are audited as Actiontrail calls.
    const got = await server.client()('GetMessageContact', { ContactId: contactId });
    assert.equal((await eventOf(url(), server.creds, 'GetMessageContact', got.RequestId)).eventRW, 'Read');
    const lookups = await lookupEvents(url(), server.creds, { LookupAttribute: [{ Key: 'EventName', Value: 'LookupEvents' }] });
    assert.ok(lookups.Events.length >= 2);
    assert.ok(lookups.Events.every((e: any) => e.serviceName === 'Actiontrail' && e.apiVersion === '2020-07-06' && e.eventRW === 'Read'));
  });

  it('a change made in the console is an event of the signed-in identity, like the same call through the API', async () => {
    const console = new ConsoleClient(server.url);
    await console.signIn(server.creds.accessKeyId, server.creds.accessKeySecret);
    const root = (await server.client()('GetResourceDirectory', {})).ResourceDirectory.RootFolderId;
    const answer = await console.post('/console/do/CreateFolder', { _csrf: await console.csrf(), _back: '/console/directory', FolderName: 'AuditedFromConsole', ParentFolderId: root }, { 'user-agent': 'console-test-browser' });
    assert.ok(answer.status < 400, `the console created the folder (${answer.status})`);
    const body = await lookupEvents(url(), server.creds, { LookupAttribute: [{ Key: 'EventName', Value: 'CreateFolder' }], MaxResults: '50' });
    const events = (body.Events as any[]).filter((e) => e.requestParameters?.FolderName === 'AuditedFromConsole');
    assert.equal(events.length, 1, 'one event for the one console change');
    assert.equal(events[0].eventRW, 'Write');
    assert.equal(events[0].userIdentity.accessKeyId, server.creds.accessKeyId);
    assert.equal(events[0].userAgent, 'console-test-browser');
    assert.equal(events[0].errorCode, undefined);
  });

  it('a RAM-denied call and a failed call each make one event with the code and message answered', async () => {
    const denied = errorOf(await failure(server.client('openapi-client-v3', credsOf('LTAInobody00001'))('ListMessageContacts', {})));
    assert.equal(denied.code, 'NoPermission');
    const deniedEvent = await eventOf(url(), server.creds, 'ListMessageContacts', denied.data.RequestId);
    assert.equal(deniedEvent.errorCode, 'NoPermission');
    assert.equal(deniedEvent.errorMessage, 'You are not authorized to do this action. You should be authorized by RAM.');
    assert.deepEqual(deniedEvent.userIdentity, { type: 'ram-user', accountId: A, principalId: 'nobody', accessKeyId: 'LTAInobody00001', userName: 'nobody' });

    const missing = errorOf(await failure(server.client()('GetMessageContact', { ContactId: 'c-0000000000000000' })));
    assert.equal(missing.code, 'EntityNotExists.Contact');
    const failedEvent = await eventOf(url(), server.creds, 'GetMessageContact', missing.data.RequestId);
    assert.equal(failedEvent.errorCode, 'EntityNotExists.Contact');
    assert.equal(failedEvent.errorMessage, missing.data.Message);
    assert.equal(failedEvent.requestParameters.ContactId, 'c-0000000000000000');
  });

  it('a request refused before authentication is audited when it names a known key, not when it names none', async () => {
    const forged = await httpRequest(url(), v1FormPost({ accessKeyId: server.creds.accessKeyId, accessKeySecret: 'not-the-secret' }, 'DeleteMessageContact', { ContactId: 'c-1111111111111111' }));
    assert.equal(forged.json.Code, 'SignatureDoesNotMatch');
    const event = await eventOf(url(), server.creds, 'DeleteMessageContact', forged.json.RequestId);
    assert.equal(event.errorCode, 'SignatureDoesNotMatch');
    assert.equal(event.userIdentity.accessKeyId, server.creds.accessKeyId);
    assert.equal(event.eventRW, 'Write');

    const unknown = await httpRequest(url(), v1FormPost({ accessKeyId: 'LTAIunknown0000001', accessKeySecret: 'x' }, 'DeleteMessageContact', {}));
    assert.equal(unknown.json.Code, 'InvalidAccessKeyId.NotFound');
    await server.app.services.audit.flush();
    const rows = await db.selectFrom('audit_events').select('record').execute();
    assert.ok(rows.length > 0);
    assert.ok(!rows.some((r) => r.record.includes(unknown.json.RequestId)), 'a request naming no known key is in no trail');
  });

  it('a NUL byte or a huge value in a request does not keep its event, or the events written with it, from the store', async () => {
    // As huge as a parameter may be (`Huge=` and the value): a longer one is refused before anything reads it (InvalidParameter.TooLong).
    const odd = await httpRequest(url(), v1FormPost(server.creds, 'Get\u0000Odd' + 'x'.repeat(300), { Name: 'a\u0000b', Huge: 'y'.repeat(MAX_PARAM_LENGTH - 'Huge='.length) }));
    assert.ok(odd.status >= 400, 'no such action');
    const next = await server.client()('GetResourceDirectory');
    const [event] = (await lookupEvents(url(), server.creds, { LookupAttribute: [{ Key: 'EventName', Value: ('GetOdd' + 'x'.repeat(300)).slice(0, 128) }] })).Events;
    assert.ok(event, 'the event is stored (PostgreSQL refuses a NUL byte in a text column)');
    assert.equal(event.requestId, odd.json.RequestId, 'stored, its name without the NUL and cut to 128 characters');
    assert.equal(event.requestParameters.Name, 'a\u0000b', 'a parameter keeps its value (JSON escapes it)');
    assert.equal(event.requestParameters.Huge.length, 1025, 'a value is cut at 1,024 characters');
    await eventOf(url(), server.creds, 'GetResourceDirectory', next.RequestId);
  });

  it('no secret, signature, token or code is ever stored or written to the file', async () => {
    const secret = server.creds.accessKeySecret;
    const request = v1FormPost(server.creds, 'GetResourceDirectory', { VerificationCode: '654321', Password: 'hunter2-password' });
    const signature = new URLSearchParams(request.body as string).get('Signature')!;
    const answer = await httpRequest(url(), request);
    assert.equal(answer.status, 200);
    // A request with a token that is no STS session's is refused, and audited without it.
    const withToken = await httpRequest(url(), v1FormPost({ ...server.creds, securityToken: 'CAIS-sts-token-value' }, 'GetResourceDirectory'));
    assert.equal(withToken.json.Code, 'InvalidSecurityToken.Malformed');
    const event = await eventOf(url(), server.creds, 'GetResourceDirectory', answer.json.RequestId);
    assert.deepEqual(Object.keys(event.requestParameters).sort(), ['RegionId'], 'only the call\'s own parameters are kept');
    await eventOf(url(), server.creds, 'GetResourceDirectory', withToken.json.RequestId);

    await server.app.services.audit.flush();
    const stored = (await db.selectFrom('audit_events').select('record').execute()).map((r) => r.record).join('\n');
    const file = readFileSync(auditFile, 'utf8');
    assert.ok(signature.length > 10);
    for (const [what, text] of [
      ['the store', stored],
      ['the file', file],
    ] as const) {
      assert.ok(text.includes(answer.json.RequestId), `${what} holds the call`);
      for (const forbidden of [signature, secret, 'secret-of-LTAI', '654321', 'hunter2-password', 'CAIS-sts-token-value', '"Signature"', '"SignatureNonce"', '"SecurityToken"', '"VerificationCode"']) {
        assert.ok(!text.includes(forbidden), `${what} never holds ${forbidden}`);
      }
    }
  });

  it('a tenant reads its own events only; RAM decides who of the account may read them', async () => {
    const b = credsOf('LTAIrootB00001');
    const bCall = await failure(server.client('openapi-core-v3', b)('GetMessageContact', { ContactId: 'c-2222222222222222' }));
    const bRequestId = errorOf(bCall).data.RequestId;
    const ofB = await lookupEvents(url(), b, { MaxResults: '50' });
    assert.ok(ofB.Events.length >= 1);
    assert.ok(ofB.Events.every((e: any) => e.tenant === B && e.userIdentity.accountId === B), 'B sees only its own');
    assert.ok(ofB.Events.some((e: any) => e.requestId === bRequestId));
    const ofA = await lookupEvents(url(), server.creds, { MaxResults: '50', LookupAttribute: [{ Key: 'EventName', Value: 'GetMessageContact' }] });
    assert.ok(ofA.Events.length >= 1);
    assert.ok(!ofA.Events.some((e: any) => e.requestId === bRequestId), 'A does not see B');
    const aEventId = ofA.Events[0].eventId;
    assert.deepEqual((await lookupEvents(url(), b, { LookupAttribute: [{ Key: 'EventId', Value: aEventId }] })).Events, [], "another tenant's event is not found by its ID");

    const auditor = await lookupEvents(url(), credsOf('LTAIauditor0001'), { LookupAttribute: [{ Key: 'EventId', Value: aEventId }] }, 'v2');
    assert.equal(auditor.Events.length, 1, 'a RAM user allowed actiontrail:LookupEvents reads its account\'s events (V1 signature too)');
    const nobody = errorOf(await failure(lookupEvents(url(), credsOf('LTAInobody00001'))));
    assert.equal(nobody.code, 'NoPermission');
    assert.equal(nobody.data.AccessDeniedDetail.AuthAction, 'actiontrail:LookupEvents');
  });

  it("an STS session's calls are assumed-role events of the role's account; AssumeRole is an Sts event of the caller's", async () => {
    const assumed = await makeClient('openapi-core-v3', url(), credsOf('LTAIdeployer001'), '2015-04-01')('AssumeRole', { RoleArn: `acs:ram::${A}:role/trail-reader`, RoleSessionName: 'night-shift' });
    const c = assumed.Credentials;
    const session = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken };
    await lookupEvents(url(), session, { MaxResults: '1' });
    const denied = errorOf(await failure(server.client('openapi-core-v3', session)('GetResourceDirectory')));
    assert.equal(denied.data.AccessDeniedDetail.AuthAction, 'resourcemanager:GetResourceDirectory', 'the role allows actiontrail:LookupEvents only');

    const ofSession = await lookupEvents(url(), session, { LookupAttribute: [{ Key: 'EventAccessKeyId', Value: c.AccessKeyId }] });
    // Sorted: two calls within one millisecond have no order.
    const calls = ofSession.Events.map((e: any) => [e.eventName, e.serviceName, e.errorCode]).sort();
    assert.deepEqual(calls, [['GetResourceDirectory', 'ResourceDirectoryMaster', 'NoPermission'], ['LookupEvents', 'Actiontrail', undefined]]);
    for (const e of ofSession.Events) {
      assert.deepEqual(e.userIdentity, { type: 'assumed-role', accountId: A, principalId: 'trail-reader:night-shift', accessKeyId: c.AccessKeyId, userName: 'trail-reader:night-shift' });
    }

    const [assumeEvent] = (await lookupEvents(url(), server.creds, { LookupAttribute: [{ Key: 'EventName', Value: 'AssumeRole' }] })).Events;
    assert.equal(assumeEvent.requestId, assumed.RequestId);
    assert.equal(assumeEvent.serviceName, 'Sts');
    assert.equal(assumeEvent.apiVersion, '2015-04-01');
    assert.deepEqual(assumeEvent.userIdentity, { type: 'ram-user', accountId: A, principalId: 'deployer', accessKeyId: 'LTAIdeployer001', userName: 'deployer' });
    assert.deepEqual(assumeEvent.requestParameters, { RoleArn: `acs:ram::${A}:role/trail-reader`, RoleSessionName: 'night-shift' });
    await server.app.services.audit.flush();
    const stored = (await db.selectFrom('audit_events').select('record').execute()).map((r) => r.record).join('\n');
    for (const secret of [c.AccessKeySecret, c.SecurityToken]) assert.ok(!stored.includes(secret), "the session's secret and token are never stored");
  });

  it('pages with NextToken, newest first by default and oldest first FORWARD, filtered by two attributes', async () => {
    const call = server.client();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await call('ListAccounts', { PageSize: 10 + i })).RequestId);
    const filter = [
      { Key: 'EventName', Value: 'ListAccounts' },
      { Key: 'EventAccessKeyId', Value: server.creds.accessKeyId },
    ];
    for (const direction of ['BACKWARD', 'FORWARD'] as const) {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await lookupEvents(url(), server.creds, { LookupAttribute: filter, MaxResults: '3', ...(direction === 'FORWARD' && { Direction: 'FORWARD' }), ...(token && { NextToken: token }) });
        assert.ok(page.Events.length <= 3);
        seen.push(...page.Events.map((e: any) => e.requestId));
        token = page.NextToken;
        pages++;
      } while (token);
      assert.equal(pages, 3, `${direction}: 3 + 3 + 1`);
      assert.deepEqual(seen, direction === 'FORWARD' ? ids : [...ids].reverse(), `${direction}: every call once, in order`);
    }
  });

  it('refuses bad queries with ActionTrail\'s codes', async () => {
    const code = async (q: LookupQuery) => errorOf(await failure(lookupEvents(url(), server.creds, q)));
    const expect = async (q: LookupQuery, expected: string, status = 400) => {
      const e = await code(q);
      assert.equal(e.code, expected, JSON.stringify(q));
      assert.equal(e.status, status);
    };
    await expect({ StartTime: '2026-12-01 10:00:00' }, 'InvalidParameterStartTime');
    await expect({ EndTime: 'yesterday' }, 'InvalidParameterEndTime');
    await expect({ StartTime: '2026-12-02T00:00:00Z', EndTime: '2026-12-01T00:00:00Z' }, 'InvalidParameterCombination');
    await expect({ MaxResults: '51' }, 'InvalidQueryParameter');
    await expect({ MaxResults: 'ten' }, 'InvalidQueryParameter');
    await expect({ Direction: 'SIDEWAYS' }, 'InvalidQueryParameter');
    await expect({ NextToken: 'not-a-token' }, 'InvalidQueryParameter');
    await expect({ LookupAttribute: [{ Key: 'Colour', Value: 'red' }] }, 'InvalidQueryParameter');
    const e = await code({ EndTime: 'yesterday' });
    assert.equal(e.data.Message, 'The specified EndTime is invalid.');
  });

  it('housekeeping removes events past RDC_AUDIT_RETENTION (90 days) and keeps the rest', async () => {
    await server.app.services.audit.flush();
    const count = async () => Number((await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const old = Date.now() - 91 * DAY;
    await db
      .insertInto('audit_events')
      .values({ event_id: 'OLD-EVENT-0000', tenant: A, event_time: old, event_name: 'GetMessageContact', service_name: 'ResourceDirectoryMaster', event_rw: 'Read', access_key_id: 'x', user_name: 'root', source_ip: '127.0.0.1', record: '{}' })
      .execute();
    const before = await count();
    const removed = (await server.app.services.housekeeping.runOnce()).auditEvents;
    assert.equal(removed, 1, 'the 91-day-old event goes');
    assert.equal(await count(), before - 1, 'the recent ones stay');
    const later = (await server.app.services.housekeeping.runOnce(Date.now() + 91 * DAY)).auditEvents;
    assert.equal(later, before - 1, 'and they go once they are 90 days old');
    assert.equal(await count(), 0);
  });
});

describe('the audit trail survives a restart and streams to its file', () => {
  it('events written before a graceful stop are read after the restart, and every one is a JSON line of the file (0600)', async () => {
    const auditDir = mkdtempSync(join(tmpdir(), 'rdc-audit-'));
    const auditFile = join(auditDir, 'audit.jsonl');
    const first = await startTestServer({ RDC_AUDIT_LOG_FILE: auditFile });
    const requestIds: string[] = [];
    for (let i = 0; i < 5; i++) requestIds.push((await first.client()('GetResourceDirectory').catch((err: unknown) => errorOf(err).data)).RequestId);
    await first.close();
    const lines = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((e) => e.requestId), requestIds, 'one line per call, in order, all written by the stop');
    assert.equal(statSync(auditFile).mode & 0o777, 0o600);

    const second = await startTestServer({ RDC_AUDIT_LOG_FILE: auditFile }, first.dataDir);
    try {
      const page = await lookupEvents(second.url, second.creds, { LookupAttribute: [{ Key: 'EventName', Value: 'GetResourceDirectory' }], Direction: 'FORWARD' });
      assert.deepEqual(page.Events.map((e: any) => e.requestId), requestIds, 'the events are still there');
      assert.deepEqual(page.Events, lines, 'the file and the store hold the same events');
    } finally {
      await second.stop();
      await dropTestStore(first.dataDir);
      rmSync(first.dataDir, { recursive: true, force: true });
      rmSync(auditDir, { recursive: true, force: true });
    }
  });
});
