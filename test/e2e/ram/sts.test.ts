/**
 * STS on the same endpoint: AssumeRole and GetCallerIdentity (Sts 2015-04-01) through the official clients,
 * and the session credentials accepted by every operation over V3 (x-acs-security-token) and V1
 * (SecurityToken, as pop-core and Terraform send it), with the role's policies narrowed by the session
 * policy; every refusal with its documented code; tokens that survive a restart and work on a second node.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, makeClient, type ApiParams, type Credentials } from '../../support/clients.js';
import { formPostClient } from '../../support/hand-signed.js';
import { credsOf, key, replaceIdentities, writeIdentities } from '../../support/identities.js';
import { eventually } from '../../support/eventually.js';
import { openTestDatabase } from '../../support/database.js';
import { killHard, serveProcess } from '../../support/process.js';
import { codes } from '../../../src/errors/codes.js';
import { SessionTokens } from '../../../src/auth/session-tokens.js';

const A = '1000000000000001';
const B = '2000000000000002';
const STS = '2015-04-01';
const ADMIN_ROLE = `acs:ram::${A}:role/rd-admin`;
const READER_ROLE = `acs:ram::${A}:role/rd-reader`;
const EXPIRATION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const identities = {
  accounts: [
    {
      accountId: A,
      ramUsers: [
        { name: 'deployer', accessKeys: [key('LTAIdeployerA01')], policies: ['AliyunSTSAssumeRoleAccess'] },
        { name: 'outsider', accessKeys: [key('LTAIoutsiderA01')], policies: ['AliyunSTSAssumeRoleAccess'] },
        { name: 'nobody', accessKeys: [key('LTAInobodyA0001')] },
      ],
      roles: [
        {
          name: 'rd-admin',
          trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${A}:user/deployer`, `acs:ram::${B}:root`] } }] },
          policies: ['AliyunResourceDirectoryFullAccess'],
        },
        {
          name: 'rd-reader',
          maxSessionDuration: 7200,
          trustPolicy: {
            Version: '1',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${A}:root`] }, Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } } }],
          },
          policies: ['AliyunResourceDirectoryReadOnlyAccess'],
        },
      ],
    },
    { accountId: B, accessKeys: [key('LTAIrootB00001')], ramUsers: [{ name: 'ci', accessKeys: [key('LTAIciB0000001')], policies: ['AliyunSTSAssumeRoleAccess'] }] },
  ],
};

/** STS calls (openapi-core V3 unless told) signed with `creds`. */
const sts = (server: TestServer, creds: Credentials, name: 'openapi-core-v3' | 'pop-core-post' | 'openapi-client-v1' = 'openapi-core-v3') => makeClient(name, server.url, creds, STS);

async function assume(server: TestServer, creds: Credentials, params: ApiParams): Promise<{ creds: Credentials; body: any }> {
  const body = await sts(server, creds)('AssumeRole', params);
  const c = body.Credentials;
  return { creds: { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken }, body };
}

/**
 * Asserts the refusal: code, HTTP status and message (the catalog's unless given; STS words some NoPermission
 * and DurationSeconds refusals its own way).
 */
async function rejectsWith(call: Promise<unknown>, code: string, status: number, message = (codes as Record<string, readonly [number, string]>)[code]?.[1]): Promise<void> {
  const e = await call.then(
    (body) => assert.fail(`expected ${code}, got ${JSON.stringify(body)}`),
    (err) => errorOf(err),
  );
  assert.deepEqual([e.code, e.status], [code, status], e.message);
  if (message !== undefined) assert.equal(e.data?.Message, message, `message of ${code}`);
}

const NOT_TRUSTED = 'No permission perform sts:AssumeRole on this Role. Maybe the role has not been authorized to you, please check the permission of the role.';

/** One character of the token changed. */
function flipped(token: string, at: number): string {
  const c = token[at]!;
  return token.slice(0, at) + (c === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

describe('STS: AssumeRole, GetCallerIdentity and session credentials', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-sts-'));
  let server: TestServer;
  let file: string;
  before(async () => {
    file = writeIdentities(identities);
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file }, dataDir);
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('AssumeRole answers the documented shape; the credentials work over V3 (openapi-core) for reads and writes', async () => {
    const before = Date.now();
    const { creds, body } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'alice' });
    assert.deepEqual(Object.keys(body).sort(), ['AssumedRoleUser', 'Credentials', 'RequestId']);
    assert.match(body.Credentials.AccessKeyId, /^STS\.[0-9A-Za-z]{24}$/);
    assert.match(body.Credentials.Expiration, EXPIRATION);
    const expires = Date.parse(body.Credentials.Expiration);
    assert.ok(expires >= Math.floor(before / 1000) * 1000 + 3600_000 && expires <= Date.now() + 3600_000, 'DurationSeconds defaults to 3600');
    assert.equal(body.AssumedRoleUser.Arn, `acs:ram::${A}:role/rd-admin/alice`);
    assert.match(body.AssumedRoleUser.AssumedRoleId, /^\d{19}:alice$/);

    const call = server.client('openapi-core-v3', creds);
    assert.equal((await call('GetResourceDirectory')).ResourceDirectory.MasterAccountId, A);
    const added = await call('AddMessageContact', { Name: 'viarole', EmailAddress: 'role@example.com', Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] });
    assert.equal((await server.client()('GetMessageContact', { ContactId: added.Contact.ContactId })).Contact.Name, 'viarole');
  });

  it('the credentials work over V1: pop-core (SecurityToken parameter) and a Terraform-style form POST', async () => {
    const { creds } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'terraform', DurationSeconds: 900 });
    assert.equal((await server.client('pop-core-post', creds)('GetResourceDirectory')).ResourceDirectory.MasterAccountId, A);
    const form = formPostClient(server.url, creds);
    const added = await form('AddMessageContact', { Name: 'viaform', EmailAddress: 'form@example.com', Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] });
    assert.equal((await form('GetMessageContact', { ContactId: added.Contact.ContactId })).Contact.Name, 'viaform');
    // pop-core's STS call itself, V1.
    const viaPop = await sts(server, credsOf('LTAIdeployerA01'), 'pop-core-post')('AssumeRole', { RoleArn: ADMIN_ROLE, RoleSessionName: 'pop' });
    assert.match(viaPop.Credentials.SecurityToken, /^CAIS/);
  });

  it('GetCallerIdentity names the root, a RAM user and a role session', async () => {
    const root = await sts(server, server.creds)('GetCallerIdentity');
    assert.deepEqual({ ...root, RequestId: undefined }, { RequestId: undefined, IdentityType: 'Account', AccountId: A, UserId: A, PrincipalId: A, Arn: `acs:ram::${A}:root` });
    const user = await sts(server, credsOf('LTAInobodyA0001'), 'openapi-client-v1')('GetCallerIdentity');
    assert.equal(user.IdentityType, 'RAMUser');
    assert.equal(user.Arn, `acs:ram::${A}:user/nobody`);
    assert.match(user.UserId, /^\d{19}$/);
    const { creds, body } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'who' });
    const session = await sts(server, creds)('GetCallerIdentity');
    assert.equal(session.IdentityType, 'AssumedRoleUser');
    assert.equal(session.AccountId, A);
    assert.equal(session.Arn, `acs:ram::${A}:assumed-role/rd-admin/who`);
    assert.equal(session.PrincipalId, body.AssumedRoleUser.AssumedRoleId);
    assert.equal(session.RoleId, body.AssumedRoleUser.AssumedRoleId.split(':')[0]);
  });

  it("a session policy narrower than the role's narrows the session; the denial names the AssumedRoleUser", async () => {
    const Policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:Get*', Resource: '*' }] });
    const { creds } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'narrow', Policy });
    const call = server.client('openapi-core-v3', creds);
    await call('GetResourceDirectory');
    const err = await call('AddMessageContact', { Name: 'nope', EmailAddress: 'n@example.com', Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] }).then(
      () => assert.fail('expected NoPermission'),
      (e) => e,
    );
    const { code, status, data } = errorOf(err);
    assert.deepEqual([code, status], ['NoPermission', 403]);
    const detail = data.AccessDeniedDetail;
    assert.equal(detail.AuthPrincipalType, 'AssumedRoleUser');
    assert.equal(detail.AuthPrincipalDisplayName, 'rd-admin:narrow');
    assert.equal(detail.AuthPrincipalOwnerId, A);
    assert.equal(detail.AuthAction, 'resourcemanager:AddMessageContact');
    // The role alone would allow it: the session policy decided.
    const full = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'full' });
    await server.client('openapi-core-v3', full.creds)('ListMessageContacts');
  });

  it('who may not assume a role: NoPermission (no sts:AssumeRole, not trusted, a root key); a missing role: EntityNotExist.Role', async () => {
    const params = { RoleArn: ADMIN_ROLE, RoleSessionName: 'x1' };
    await rejectsWith(sts(server, credsOf('LTAInobodyA0001'))('AssumeRole', params), 'NoPermission', 403, 'You are not authorized to do this action. You should be authorized by RAM.');
    await rejectsWith(sts(server, credsOf('LTAIoutsiderA01'))('AssumeRole', params), 'NoPermission', 403, NOT_TRUSTED);
    await rejectsWith(sts(server, server.creds)('AssumeRole', params), 'NoPermission', 403, 'Roles may not be assumed by root accounts.');
    await rejectsWith(sts(server, credsOf('LTAIdeployerA01'))('AssumeRole', { ...params, RoleArn: `acs:ram::${A}:role/no-such-role` }), 'EntityNotExist.Role', 404);
  });

  it('ExternalId: required when the trust policy names one, and must match', async () => {
    const params = { RoleArn: READER_ROLE, RoleSessionName: 'ext' };
    await rejectsWith(sts(server, credsOf('LTAIoutsiderA01'))('AssumeRole', params), 'NoPermission', 403, NOT_TRUSTED);
    await rejectsWith(sts(server, credsOf('LTAIoutsiderA01'))('AssumeRole', { ...params, ExternalId: 'ext-999' }), 'NoPermission', 403, NOT_TRUSTED);
    const { creds } = await assume(server, credsOf('LTAIoutsiderA01'), { ...params, ExternalId: 'ext-123', DurationSeconds: 7200 });
    const call = server.client('openapi-core-v3', creds);
    await call('GetResourceDirectory');
    await rejectsWith(call('AddMessageContact', { Name: 'ro', EmailAddress: 'ro@example.com', Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] }), 'NoPermission', 403);
  });

  it('malformed parameters answer their InvalidParameter codes', async () => {
    const call = sts(server, credsOf('LTAIdeployerA01'));
    const ok = { RoleArn: ADMIN_ROLE, RoleSessionName: 'ok' };
    await rejectsWith(call('AssumeRole', { ...ok, DurationSeconds: 899 }), 'InvalidParameter.DurationSeconds', 400);
    await rejectsWith(call('AssumeRole', { ...ok, DurationSeconds: 43201 }), 'InvalidParameter.DurationSeconds', 400);
    // Above this role's maxSessionDuration (3600).
    await rejectsWith(call('AssumeRole', { ...ok, DurationSeconds: 3601 }), 'InvalidParameter.DurationSeconds', 400, 'The Min/Max value of DurationSeconds is 900/3600 seconds for this role.');
    await rejectsWith(call('AssumeRole', { ...ok, RoleArn: 'acs:ram::123:role/x' }), 'InvalidParameter.RoleArn', 400);
    await rejectsWith(call('AssumeRole', { RoleArn: ADMIN_ROLE }), 'MissingParameter.RoleSessionName', 400);
    await rejectsWith(call('AssumeRole', { ...ok, RoleSessionName: 'a' }), 'InvalidParameter.RoleSessionName', 400);
    await rejectsWith(call('AssumeRole', { ...ok, ExternalId: 'bad id!' }), 'InvalidParameter.ExternalId', 400);
    await rejectsWith(call('AssumeRole', { ...ok, Policy: '{"Version":"1"}' }), 'InvalidParameter.PolicyGrammar', 400);
    const big = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:Get*', Resource: Array.from({ length: 60 }, (_, i) => `acs:resourcemanager:*:${A}:messagecontact/c-${i}`) }] });
    await rejectsWith(call('AssumeRole', { ...ok, Policy: big }), 'InvalidParameter.PolicySize', 400);
  });

  it('tampered, mismatched, missing and expired tokens are refused with their codes; a wrong secret does not verify', async () => {
    const { creds } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'tamper' });
    const other = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'other' });
    const token = creds.securityToken!;
    for (const at of [4, Math.floor(token.length / 2), token.length - 1]) {
      await rejectsWith(server.client('openapi-core-v3', { ...creds, securityToken: flipped(token, at) })('GetResourceDirectory'), 'InvalidSecurityToken.Malformed', 400);
    }
    await rejectsWith(server.client('pop-core-post', { ...creds, securityToken: token.slice(0, -8) })('GetResourceDirectory'), 'InvalidSecurityToken.Malformed', 400);
    // Another session's token with this session's key, and a session token with a tenant's own key.
    await rejectsWith(server.client('openapi-core-v3', { ...creds, securityToken: other.creds.securityToken })('GetResourceDirectory'), 'InvalidSecurityToken.MismatchWithAccessKey', 400);
    await rejectsWith(server.client('openapi-core-v3', { ...credsOf('LTAIrootB00001'), securityToken: token })('GetResourceDirectory'), 'InvalidSecurityToken.MismatchWithAccessKey', 400);
    await rejectsWith(server.client('pop-core-post', { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret })('GetResourceDirectory'), 'MissingSecurityToken', 400);
    await rejectsWith(server.client('openapi-core-v3', { ...creds, accessKeySecret: other.creds.accessKeySecret })('GetResourceDirectory'), 'SignatureDoesNotMatch', 400);

    // An expired session, sealed with the server's own key as the server would have sealed it an hour ago.
    const db = openTestDatabase(server.dataDir);
    let master: string;
    try {
      master = (await db.selectFrom('meta').select('value').where('key', '=', 'sts_token_key').executeTakeFirstOrThrow()).value;
    } finally {
      await db.destroy();
    }
    const tokens = new SessionTokens(Buffer.from(master, 'base64'));
    const accessKeyId = 'STS.expiredsession0000000001';
    const expired = tokens.seal({ accountId: A, role: 'rd-admin', session: 'old', accessKeyId, expiresAt: Math.floor(Date.now() / 1000) * 1000 - 1000 });
    const stale = { accessKeyId, accessKeySecret: tokens.secretOf(accessKeyId), securityToken: expired };
    await rejectsWith(server.client('openapi-core-v3', stale)('GetResourceDirectory'), 'InvalidSecurityToken.Expired', 400);
    await rejectsWith(server.client('pop-core-get', stale)('GetResourceDirectory'), 'InvalidSecurityToken.Expired', 400);
    // The same claims a minute ahead: accepted (the crafted token is what the server itself issues).
    const fresh = tokens.seal({ accountId: A, role: 'rd-admin', session: 'old', accessKeyId, expiresAt: Date.now() + 60_000 });
    await server.client('openapi-core-v3', { ...stale, securityToken: fresh })('GetResourceDirectory');
  });

  it("another account's user assumes a role that trusts its account and acts in the role's account", async () => {
    const { creds } = await assume(server, credsOf('LTAIciB0000001'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'cross' });
    assert.equal((await server.client('openapi-core-v3', creds)('GetResourceDirectory')).ResourceDirectory.MasterAccountId, A);
    assert.equal((await sts(server, creds)('GetCallerIdentity')).AccountId, A);
    // A role of another account that does not trust the caller: refused.
    await rejectsWith(sts(server, credsOf('LTAIciB0000001'))('AssumeRole', { RoleArn: READER_ROLE, RoleSessionName: 'cross', ExternalId: 'ext-123' }), 'NoPermission', 403, NOT_TRUSTED);
  });

  it('a token works after a restart and on a second node, and one issued by the second node works on the first', async () => {
    const { creds } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'durable' });
    await server.stop();
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file }, dataDir);
    assert.equal((await server.client('openapi-core-v3', creds)('GetResourceDirectory')).ResourceDirectory.MasterAccountId, A);

    let node: ChildProcess | undefined;
    try {
      const second = await serveProcess(dataDir, { RDC_ROOT_ACCOUNT_ID: A, RDC_IDENTITIES_FILE: file });
      node = second.child;
      assert.equal((await makeClient('pop-core-post', second.url, creds)('GetResourceDirectory')).ResourceDirectory.MasterAccountId, A);
      const issued = (await makeClient('openapi-core-v3', second.url, credsOf('LTAIdeployerA01'), STS)('AssumeRole', { RoleArn: ADMIN_ROLE, RoleSessionName: 'node2' })).Credentials;
      const fromSecond = { accessKeyId: issued.AccessKeyId, accessKeySecret: issued.AccessKeySecret, securityToken: issued.SecurityToken };
      assert.equal((await server.client('openapi-core-v3', fromSecond)('GetResourceDirectory')).ResourceDirectory.MasterAccountId, A);
    } finally {
      if (node) await killHard(node);
    }
  });

  it("a live session follows its role's policies as the identities file changes, and can do nothing once the role is gone", async () => {
    const { creds } = await assume(server, credsOf('LTAIdeployerA01'), { RoleArn: ADMIN_ROLE, RoleSessionName: 'reload' });
    const call = server.client('openapi-core-v3', creds);
    // A write RAM checks before the operation: allowed, it answers 404 for a contact that does not exist.
    const write = () => call('DeleteMessageContact', { ContactId: 'c-0000000000000000' });
    const codeOf = (p: Promise<unknown>) => p.then(() => 'success', (err) => errorOf(err).code);
    const denied = async (p: Promise<unknown>) => (await codeOf(p)) === 'NoPermission';
    assert.equal(await codeOf(write()), 'EntityNotExists.Contact');
    const [a, ...others] = identities.accounts;
    const readOnly = { ...a!, roles: a!.roles!.map((r) => (r.name === 'rd-admin' ? { ...r, policies: ['AliyunResourceDirectoryReadOnlyAccess'] } : r)) };
    replaceIdentities(file, { accounts: [readOnly, ...others] });
    await eventually('the narrowed role applies to the live session', () => denied(write()));
    await call('GetResourceDirectory');
    replaceIdentities(file, { accounts: [{ ...a!, roles: a!.roles!.filter((r) => r.name !== 'rd-admin') }, ...others] });
    await eventually('the removed role leaves its session nothing', () => denied(call('GetResourceDirectory')));
  });
});
