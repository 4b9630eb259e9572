import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIdentities } from '../../../src/auth/identities.js';
import { DocumentError } from '../../../src/auth/document.js';

const A = '1111111111111111';
const B = '2222222222222222';

describe('identities file', () => {
  it('reads accounts, root keys, RAM users, their keys and policies', () => {
    const { keys } = parseIdentities(
      JSON.stringify({
        accounts: [
          {
            accountId: A,
            accessKeys: [{ id: 'LTAIrootA0001', secret: 'secret-root-a' }],
            ramUsers: [
              {
                name: 'alice',
                accessKeys: [
                  { id: 'LTAIalice0001', secret: 'secret-alice', status: 'Active' },
                  { id: 'LTAIalice0002', secret: 'secret-alice2', status: 'Inactive' },
                ],
                policies: ['AliyunResourceDirectoryReadOnlyAccess', { Version: '1', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }],
              },
              { name: 'bob.ops-1', accessKeys: [{ id: 'LTAIbob000001', secret: 'secret-bob' }] },
            ],
          },
          { accountId: B, accessKeys: [{ id: 'LTAIrootB0001', secret: 'secret-root-b' }] },
        ],
      }),
    );
    assert.deepEqual(
      keys.map((k) => [k.id, k.status, k.principal.accountId, k.principal.type, k.principal.name, (k.policies ?? []).map((p) => `${p.kind}:${p.name}`)]),
      [
        ['LTAIrootA0001', 'Active', A, 'Root', A, []],
        ['LTAIalice0001', 'Active', A, 'SubUser', 'alice', ['System:AliyunResourceDirectoryReadOnlyAccess', 'Custom:alice.policies[1]']],
        ['LTAIalice0002', 'Inactive', A, 'SubUser', 'alice', ['System:AliyunResourceDirectoryReadOnlyAccess', 'Custom:alice.policies[1]']],
        ['LTAIbob000001', 'Active', A, 'SubUser', 'bob.ops-1', []],
        ['LTAIrootB0001', 'Active', B, 'Root', B, []],
      ],
    );
    assert.deepEqual(parseIdentities('{"accounts": []}'), { keys: [], roles: [] });
  });

  const reject = (value: unknown, path: string, reason: RegExp, taken: string[] = []) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    assert.throws(
      () => parseIdentities(text, taken),
      (err: unknown) => err instanceof DocumentError && err.path === path && reason.test(err.reason),
      `${path} ${reason}`,
    );
  };
  const account = (extra: object) => ({ accounts: [{ accountId: A, ...extra }] });
  const userWith = (extra: object) => account({ ramUsers: [{ name: 'alice', ...extra }] });

  it('a JSON syntax error names its line and column', () => {
    reject('{\n  "accounts": [\n    {"accountId": "1111111111111111",}\n  ]\n}', '', /not valid JSON at line 3, column 38/);
    reject('', '', /not valid JSON/);
  });

  it('the shape, with the JSON path of each problem', () => {
    reject([], '(top level)', /must be an object/);
    reject({}, 'accounts', /must be a list/);
    reject({ accounts: [], users: [] }, 'users', /unknown/);
    reject({ accounts: [7] }, 'accounts[0]', /must be an object/);
    reject({ accounts: [{ accountId: '123' }] }, 'accounts[0].accountId', /16 digits/);
    reject({ accounts: [{ accountId: 1111111111111111 }] }, 'accounts[0].accountId', /16 digits/);
    reject(account({ accessKeys: {} }), 'accounts[0].accessKeys', /must be a list/);
    reject(account({ accessKeys: [{ id: 'short', secret: 'secret-long' }] }), 'accounts[0].accessKeys[0].id', /8-64 letters and digits/);
    reject(account({ accessKeys: [{ id: 'LTAIrootA0001', secret: 'has space' }] }), 'accounts[0].accessKeys[0].secret', /without spaces/);
    reject(account({ accessKeys: [{ id: 'LTAIrootA0001', secret: 'secret-root', status: 'Disabled' }] }), 'accounts[0].accessKeys[0].status', /"Active" or "Inactive"/);
    reject(account({ accessKeys: [{ id: 'LTAIrootA0001', secret: 'secret-root', role: 'x' }] }), 'accounts[0].accessKeys[0].role', /unknown/);
    reject(userWith({ name: 'al ice' }), 'accounts[0].ramUsers[0].name', /1-64 letters/);
    reject(userWith({ groups: [] }), 'accounts[0].ramUsers[0].groups', /unknown/);
    reject(userWith({ policies: 'AliyunResourceDirectoryFullAccess' }), 'accounts[0].ramUsers[0].policies', /must be a list/);
  });

  it('duplicates: keys (also the configured root key), accounts, user names', () => {
    const key = { id: 'LTAIdup000001', secret: 'secret-dup' };
    reject(account({ accessKeys: [key], ramUsers: [{ name: 'alice', accessKeys: [key] }] }), 'accounts[0].ramUsers[0].accessKeys[0].id', /defined twice/);
    reject(account({ accessKeys: [key] }), 'accounts[0].accessKeys[0].id', /defined twice/, ['LTAIdup000001']);
    reject({ accounts: [{ accountId: A }, { accountId: A }] }, 'accounts[1].accountId', /listed twice/);
    reject(account({ ramUsers: [{ name: 'alice' }, { name: 'alice' }] }), 'accounts[0].ramUsers[1].name', /listed twice/);
  });

  it('roles: a trust policy, permission policies and a max session duration; problems name where', () => {
    const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${B}:root`] } }] };
    const { roles } = parseIdentities(JSON.stringify(account({ roles: [{ name: 'Ops', trustPolicy: trust, policies: ['AliyunResourceDirectoryReadOnlyAccess'], maxSessionDuration: 7200 }] })));
    assert.deepEqual(
      roles.map((r) => [r.accountId, r.name, r.arn, r.maxSessionDuration, r.policies.map((p) => p.name)]),
      [[A, 'Ops', `acs:ram::${A}:role/ops`, 7200, ['AliyunResourceDirectoryReadOnlyAccess']]],
    );
    assert.match(roles[0]!.roleId, /^\d{19}$/);
    const role = (extra: object) => account({ roles: [{ name: 'ops', trustPolicy: trust, ...extra }] });
    reject(role({ maxSessionDuration: 1800 }), 'accounts[0].roles[0].maxSessionDuration', /3600 to 43200/);
    reject(role({ name: 'bad name' }), 'accounts[0].roles[0].name', /1-64 letters/);
    reject(role({ trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['alice'] } }] } }), 'accounts[0].roles[0].trustPolicy.Statement[0].Principal.RAM[0]', /is not acs:ram::<account>:root/);
    reject(role({ trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: ['x'] } }] } }), 'accounts[0].roles[0].trustPolicy.Statement[0].Principal.Federated', /unknown or unsupported field/);
    reject(
      role({ trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${B}:root`] }, Condition: { StringEquals: { 'acs:SourceIp': '1.2.3.4' } } }] } }),
      'accounts[0].roles[0].trustPolicy.Statement[0].Condition.StringEquals',
      /only the condition key sts:ExternalId/,
    );
    reject(account({ roles: [{ name: 'ops', trustPolicy: trust }, { name: 'OPS', trustPolicy: trust }] }), 'accounts[0].roles[1].name', /listed twice/);
  });

  it('policies: unknown system policy names and invalid documents', () => {
    reject(userWith({ policies: ['AdministratorAccess'] }), 'accounts[0].ramUsers[0].policies[0]', /unknown system policy "AdministratorAccess" \(known: AliyunResourceDirectoryFullAccess, AliyunResourceDirectoryReadOnlyAccess, AliyunSTSAssumeRoleAccess, AliyunRdcontactsFullAccess, AliyunRdcontactsReadOnlyAccess\)/);
    reject(userWith({ policies: [42] }), 'accounts[0].ramUsers[0].policies[0]', /must be an object/);
    reject(
      userWith({ policies: ['AliyunResourceDirectoryFullAccess', { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '300.0.0.1' } } }] }] }),
      'accounts[0].ramUsers[0].policies[1].Statement[0].Condition.IpAddress["acs:SourceIp"][0]',
      /not an IP address/,
    );
  });
});
