/**
 * Role sessions with a clock the test controls: a token stops working the second its session expires (900 s,
 * the shortest duration, without waiting), and trust policies decide who may assume a role.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseIdentities } from '../../../src/auth/identities.js';
import { KeyRing, type AccessKey } from '../../../src/auth/keys.js';
import { RoleSessions } from '../../../src/auth/role-sessions.js';
import { SessionTokens } from '../../../src/auth/session-tokens.js';
import { ApiError } from '../../../src/errors/api-error.js';

const A = '1111111111111111';
const B = '2222222222222222';
const trust = (statements: object[]) => ({ Version: '1', Statement: statements });
const { keys, roles } = parseIdentities(
  JSON.stringify({
    accounts: [
      {
        accountId: A,
        ramUsers: [
          { name: 'alice', accessKeys: [{ id: 'LTAIalice0001', secret: 'secret-alice' }], policies: ['AliyunSTSAssumeRoleAccess'] },
          { name: 'mallory', accessKeys: [{ id: 'LTAImallory01', secret: 'secret-mallory' }], policies: ['AliyunSTSAssumeRoleAccess'] },
        ],
        roles: [
          {
            name: 'ops',
            trustPolicy: trust([
              { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${A}:root`] } },
              { Effect: 'Deny', Action: 'sts:*', Principal: { RAM: [`acs:ram::${A}:user/mallory`] } },
            ]),
            policies: ['AliyunResourceDirectoryReadOnlyAccess'],
          },
          { name: 'chained', trustPolicy: trust([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${A}:role/ops`] } }]) },
        ],
      },
      { accountId: B, accessKeys: [{ id: 'LTAIrootB0001', secret: 'secret-root-b' }] },
    ],
  }),
);
const keyOf = (id: string) => keys.find((k) => k.id === id)!;
const request = { requestId: 'TEST', sourceIp: '127.0.0.1', secureTransport: true };

function sessionsAt(clock: { now: number }) {
  return new RoleSessions(new KeyRing(keys, roles), new SessionTokens(randomBytes(32)), () => clock.now);
}

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    if (err instanceof ApiError) return `${err.status} ${err.code}`;
    throw err;
  }
  return 'allowed';
}

describe('role sessions', () => {
  it('a token works until the second its session expires, then answers InvalidSecurityToken.Expired', () => {
    const clock = { now: Date.parse('2026-12-06T10:00:00.400Z') };
    const sessions = sessionsAt(clock);
    const s = sessions.assume(keyOf('LTAIalice0001'), { roleArn: `acs:ram::${A}:role/ops`, sessionName: 'short', durationSeconds: 900 }, request);
    assert.equal(s.expiresAt, Date.parse('2026-12-06T10:15:00Z'), 'whole seconds, from the second of issue');
    clock.now = s.expiresAt - 1;
    const key: AccessKey = sessions.keyOf(s.accessKeyId, s.securityToken);
    assert.deepEqual(key.principal, { accountId: A, type: 'AssumedRoleUser', name: 'ops:short' });
    assert.equal(key.secret, s.accessKeySecret);
    clock.now = s.expiresAt;
    assert.equal(refusal(() => sessions.keyOf(s.accessKeyId, s.securityToken)), '400 InvalidSecurityToken.Expired');
  });

  it('a token of another server key is malformed', () => {
    const clock = { now: Date.now() };
    const s = sessionsAt(clock).assume(keyOf('LTAIalice0001'), { roleArn: `acs:ram::${A}:role/ops`, sessionName: 'elsewhere', durationSeconds: 900 }, request);
    assert.equal(refusal(() => sessionsAt(clock).keyOf(s.accessKeyId, s.securityToken)), '400 InvalidSecurityToken.Malformed');
  });

  it("trust: the account's root admits its users; a Deny statement wins; a root key never assumes; a role session may assume a role that trusts its role", () => {
    const sessions = sessionsAt({ now: Date.now() });
    const assume = (caller: AccessKey, role: string) => refusal(() => sessions.assume(caller, { roleArn: `acs:ram::${A}:role/${role}`, sessionName: 'unit', durationSeconds: 900 }, request));
    assert.equal(assume(keyOf('LTAIalice0001'), 'ops'), 'allowed');
    assert.equal(assume(keyOf('LTAImallory01'), 'ops'), '403 NoPermission');
    assert.equal(assume(keyOf('LTAIrootB0001'), 'ops'), '403 NoPermission');
    assert.equal(assume(keyOf('LTAIalice0001'), 'chained'), '403 NoPermission');
    // The session of ops has ops's read-only policies, which do not allow sts:AssumeRole: both checks apply.
    const s = sessions.assume(keyOf('LTAIalice0001'), { roleArn: `acs:ram::${A}:role/ops`, sessionName: 'hop', durationSeconds: 900 }, request);
    const opsSession = sessions.keyOf(s.accessKeyId, s.securityToken);
    assert.equal(assume(opsSession, 'chained'), '403 NoPermission');
    assert.equal(assume({ ...opsSession, policies: keyOf('LTAIalice0001').policies }, 'chained'), 'allowed');
  });
});
