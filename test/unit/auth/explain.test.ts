import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explain } from '../../../src/auth/explain.js';
import { parseIdentities } from '../../../src/auth/identities.js';
import type { AccessKey } from '../../../src/auth/keys.js';

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

const ask = (accessKeyId: string, action: string, resource: string, sourceIp = '127.0.0.1') => {
  const key = keys.find((k) => k.id === accessKeyId);
  return key && explain(key, { action, resource, sourceIp, secureTransport: false });
};

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

  it('notes an inactive key; knows no unknown key', () => {
    assert.match(ask('LTAIalice0002', 'GetMessageContact', contact('c-A'))!.text, /this key is Inactive/);
    assert.equal(ask('LTAInobody001', 'GetMessageContact', contact('c-A')), undefined);
  });
});
