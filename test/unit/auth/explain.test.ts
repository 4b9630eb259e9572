import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explain } from '../../../src/auth/explain.js';
import { parseIdentities } from '../../../src/auth/identities.js';
import type { AccessKey } from '../../../src/auth/keys.js';
import { ConfigError } from '../../../src/config.js';
import { ramActions } from '../../../src/operations/registry.js';

const A = '1111111111111111';
const contact = (id: string) => `acs:resourcemanager:*:${A}:messagecontact/${id}`;

const root: AccessKey = { id: 'LTAIrootA0001', secret: 'secret-root', status: 'Active', principal: { accountId: A, type: 'Root', name: A }, policies: [] };
const keys = [
  root,
  ...parseIdentities(
    JSON.stringify({
      accounts: [
        {
          accountId: A,
          ramUsers: [
            {
              name: 'alice',
              accessKeys: [{ id: 'LTAIalice0001', secret: 'secret-alice' }, { id: 'LTAIalice0002', secret: 'secret-alice', status: 'Inactive' }],
              policies: [
                'AliyunResourceDirectoryReadOnlyAccess',
                { Version: '1', Statement: [{ Effect: 'Deny', Action: 'resourcemanager:GetMessageContact', Resource: contact('c-secret'), Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }] },
              ],
            },
          ],
        },
      ],
    }),
  ).keys,
];

const ask = (accessKeyId: string, action: string, resource: string | string[], sourceIp = '127.0.0.1') => {
  const key = keys.find((k) => k.id === accessKeyId);
  return key && explain(key, { action, resources: typeof resource === 'string' ? [resource] : resource, sourceIp, secureTransport: false }, ramActions());
};
const refused = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (err: unknown) => err instanceof ConfigError && message.test(err.message));

describe('policy explain', () => {
  it('names the system policy statement that allowed', () => {
    const r = ask('LTAIalice0001', 'GetMessageContact', contact('c-A'))!;
    assert.equal(r.allowed, true);
    assert.match(r.text, /^ALLOWED: resourcemanager:GetMessageContact on acs:resourcemanager:\*:1111111111111111:messagecontact\/c-A\n/);
    assert.match(r.text, /key: +LTAIalice0001, RAM user alice of account 1111111111111111/);
    assert.match(r.text, /decided by: system policy AliyunResourceDirectoryReadOnlyAccess, Statement\[0\]\n +\{"Effect":"Allow","Action":\["resourcemanager:Get\*","resourcemanager:List\*"\],"Resource":"\*"\}/);
  });

  it('names the custom statement that denied explicitly, and takes the source IP into account', () => {
    const r = ask('LTAIalice0001', 'resourcemanager:GetMessageContact', contact('c-secret'))!;
    assert.equal(r.allowed, false);
    assert.match(r.text, /^DENIED \(ExplicitDeny\): /);
    assert.match(r.text, /decided by: custom policy alice\.policies\[1\], Statement\[0\]/);
    assert.match(r.text, /from 127\.0\.0\.1, plain HTTP/);
    assert.equal(ask('LTAIalice0001', 'GetMessageContact', contact('c-secret'), '10.1.2.3')!.allowed, true);
  });

  it('an implicit deny lists the user’s policies', () => {
    const r = ask('LTAIalice0001', 'AddMessageContact', contact('*'))!;
    assert.equal(r.allowed, false);
    assert.match(r.text, /^DENIED \(ImplicitDeny\)/);
    assert.match(r.text, /no statement allows it \(implicit deny\); the user's policies: AliyunResourceDirectoryReadOnlyAccess, alice\.policies\[1\]/);
  });

  it('a root key: anything in its own account, nothing in another', () => {
    assert.match(ask('LTAIrootA0001', 'DeleteMessageContact', contact('c-A'))!.text, /ALLOWED[^]*a root key may do anything within its own account/);
    const other = ask('LTAIrootA0001', 'DeleteMessageContact', 'acs:resourcemanager::2222222222222222:messagecontact/c-A')!;
    assert.equal(other.allowed, false);
    assert.match(other.text, /a root key acts only within its own account \(1111111111111111\)/);
  });

  it('an inactive key is DENIED, as the server refuses every request it signs; knows no unknown key', () => {
    const r = ask('LTAIalice0002', 'GetMessageContact', contact('c-A'))!;
    assert.equal(r.allowed, false);
    assert.match(r.text, /^DENIED \(InvalidAccessKeyId\.Inactive\): resourcemanager:GetMessageContact on /);
    assert.match(r.text, /this key is Inactive; every request signed with it is refused/);
    assert.equal(ask('LTAInobody001', 'GetMessageContact', contact('c-A')), undefined);
  });

  it('MoveAccount is decided on its two resources (the account and the destination folder), as the server does', () => {
    const account = `acs:resourcemanager::${A}:account/rd-a/r-b/1222222222222222`;
    const folder = `acs:resourcemanager::${A}:folder/rd-a/r-b/fd-c`;
    refused(() => ask('LTAIrootA0001', 'MoveAccount', account), /MoveAccount is decided on 2 resources; give --resource 2 times/);
    const r = ask('LTAIalice0001', 'MoveAccount', [account, folder])!;
    assert.equal(r.allowed, false);
    assert.match(r.text, new RegExp(`^DENIED \\(ImplicitDeny\\): resourcemanager:MoveAccount on ${account.replace(/[/.]/g, '\\$&')}, ${folder.replace(/[/.]/g, '\\$&')}\n`));
    assert.equal(ask('LTAIrootA0001', 'MoveAccount', [account, folder])!.allowed, true);
  });

  it('an unknown action or a malformed resource ARN is an error, not a decision', () => {
    refused(() => ask('LTAIalice0001', 'GetMessageContacts', contact('c-A')), /unknown action "GetMessageContacts"/);
    refused(() => ask('LTAIalice0001', 'resourcemanager:Nope', contact('c-A')), /unknown action "resourcemanager:Nope"/);
    refused(() => ask('LTAIalice0001', 'ecs:GetMessageContact', contact('c-A')), /unknown action "ecs:GetMessageContact"/);
    for (const bad of ['messagecontact/c-A', 'acs:resourcemanager::messagecontact/c-A', `acs:resourcemanager::${A}:`, `acs:resourcemanager::12:messagecontact/c-A`]) {
      refused(() => ask('LTAIalice0001', 'GetMessageContact', bad), /is not a resource ARN/);
    }
    assert.equal(ask('LTAIalice0001', 'GetResourceDirectory', '*')!.allowed, true, '"*" is the resource of an action about no one resource');
  });

  it('sts:AssumeRole is decided on the role’s ARN; GetCallerIdentity, open to every signed caller, is no RAM action', () => {
    const role = `acs:ram::${A}:role/ops`;
    assert.equal(ask('LTAIrootA0001', 'AssumeRole', role)!.allowed, true);
    const r = ask('LTAIalice0001', 'sts:AssumeRole', role)!;
    assert.equal(r.allowed, false);
    assert.match(r.text, /^DENIED \(ImplicitDeny\): sts:AssumeRole on acs:ram::1111111111111111:role\/ops\n/);
    refused(() => ask('LTAIalice0001', 'GetCallerIdentity', '*'), /unknown action "GetCallerIdentity"/);
  });
});
