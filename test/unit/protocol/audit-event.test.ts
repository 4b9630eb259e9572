import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditEventOf, eventRW } from '../../../src/protocol/audit-event.js';
import { ApiError } from '../../../src/errors/api-error.js';
import type { AccessKey } from '../../../src/auth/keys.js';

const root: AccessKey = { id: 'LTAIroot', secret: 's3cret-value', status: 'Active', principal: { accountId: '1000000000000001', type: 'Root', name: '1000000000000001' } };

function eventOf(params: Record<string, string>, extra: Partial<Parameters<typeof auditEventOf>[0]> = {}) {
  return auditEventOf({
    received: { requestId: 'REQ-1', method: 'POST', url: '/', headers: { host: 'rd.example.com:8080', 'user-agent': 'tester' }, rawBody: Buffer.alloc(0), sourceIp: '10.0.0.1', secureTransport: false },
    params: new Map(Object.entries(params)),
    key: root,
    action: 'AddMessageContact',
    version: '2022-04-19',
    serviceName: 'ResourceDirectoryMaster',
    error: undefined,
    at: Date.parse('2026-12-06T10:11:12.345Z'),
    ...extra,
  });
}

describe('audit events', () => {
  it('Read for Get/List/Describe/Lookup/Query/Check actions, Write for every other', () => {
    for (const action of ['GetMessageContact', 'ListAccounts', 'DescribeRegions', 'LookupEvents', 'QueryThing', 'CheckThing']) assert.equal(eventRW(action), 'Read', action);
    for (const action of ['AddMessageContact', 'DeleteMessageContact', 'SendEmailVerificationForMessageContact', 'CancelMessageContactUpdate', 'Getaway', 'Listen', '']) assert.equal(eventRW(action), 'Write', action);
  });

  it('keeps the call\'s own parameters, never the protocol\'s, a secret, a token or a code; a NextToken stays', () => {
    const event = eventOf({
      Action: 'AddMessageContact', Version: '2022-04-19', AccessKeyId: 'LTAIroot', Signature: 'c2lnbmF0dXJl', SignatureNonce: 'n', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Timestamp: 't', Format: 'JSON',
      SecurityToken: 'sts', BearerToken: 'b', AccessKeySecret: 'x', Password: 'p', NewPassword: 'p', VerificationCode: '123456', SmsCode: '1',
      Name: 'ops', 'MessageTypes.1': 'AccountExpenses', NextToken: 'page-2',
    });
    assert.deepEqual(event.requestParameters, { Name: 'ops', 'MessageTypes.1': 'AccountExpenses', NextToken: 'page-2' });
  });

  it('bounds what a request can put in the trail: long values cut, control characters out of looked-up fields', () => {
    const event = eventOf({ Name: 'x'.repeat(5000) }, { action: 'Get\u0000Thing' + 'y'.repeat(500), version: 'v\u0000' });
    assert.equal(event.requestParameters.Name, 'x'.repeat(1024) + '…');
    assert.equal(event.eventName, ('GetThing' + 'y'.repeat(500)).slice(0, 128));
    assert.equal(event.apiVersion, 'v');
  });

  it('says who called, from where, when (whole seconds, UTC) and what was answered', () => {
    const event = eventOf({}, { error: new ApiError('NoPermission') });
    assert.equal(event.eventTime, '2026-12-06T10:11:12Z');
    assert.equal(event.eventSource, 'rd.example.com');
    assert.equal(event.sourceIpAddress, '10.0.0.1');
    assert.equal(event.userAgent, 'tester');
    assert.deepEqual(event.userIdentity, { type: 'root-account', accountId: '1000000000000001', principalId: '1000000000000001', accessKeyId: 'LTAIroot', userName: 'root' });
    assert.equal(event.errorCode, 'NoPermission');
    assert.equal(event.tenant, '1000000000000001');
    assert.ok(!JSON.stringify(event).includes('s3cret-value'));
  });

  it('names an STS session as ActionTrail does: assumed-role, the role and session (role:session), its STS. key', () => {
    const session: AccessKey = { id: 'STS.NUgYrLnoC37mZZCNnAbez2', secret: 'session-secret', status: 'Active', principal: { accountId: '1000000000000001', type: 'AssumedRoleUser', name: 'rd-admin:deploy-42' } };
    const event = eventOf({}, { key: session });
    assert.deepEqual(event.userIdentity, { type: 'assumed-role', accountId: '1000000000000001', principalId: 'rd-admin:deploy-42', accessKeyId: 'STS.NUgYrLnoC37mZZCNnAbez2', userName: 'rd-admin:deploy-42' });
    assert.ok(!JSON.stringify(event).includes('session-secret'));
  });

  it('gets a version 7 UUID (upper case) of the call\'s time: unique, and in the order of the calls', () => {
    const at = Date.parse('2026-12-06T10:11:12.345Z');
    const ids = [at, at, at + 1, at + 1000].map((t) => eventOf({}, { at: t }).eventId);
    for (const id of ids) assert.match(id, /^[0-9A-F]{8}-[0-9A-F]{4}-7[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    assert.equal(parseInt(ids[0]!.replace('-', '').slice(0, 12), 16), at, 'the first 48 bits are the time in milliseconds');
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids[0]! < ids[2]! && ids[1]! < ids[2]! && ids[2]! < ids[3]!, 'a later call sorts after');
  });
});
