import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, systemPolicy, wildcard, type AuthRequest, type Policy, type RequestFacts } from '../../../src/auth/policy.js';
import { DocumentError } from '../../../src/auth/document.js';

const ACCOUNT = '1234567890123456';
const facts: RequestFacts = { sourceIp: '203.0.113.9', secureTransport: true, accessKeyId: 'LTAIalice0001', principalArn: `acs:ram::${ACCOUNT}:user/alice` };
const contactArn = (id: string) => `acs:resourcemanager::${ACCOUNT}:messagecontact/${id}`;

function policy(...statements: object[]): Policy {
  return parsePolicy({ Version: '1', Statement: statements }, 'test');
}

function ask(action: string, resource: string | string[], context: Partial<RequestFacts> = {}): AuthRequest {
  return { action, resources: Array.isArray(resource) ? resource : [resource], context: { ...facts, ...context } };
}

function allowed(policies: Policy | Policy[], request: AuthRequest): boolean {
  return evaluate(Array.isArray(policies) ? policies : [policies], request).allowed;
}

/** The 26 actions of operations.json. */
const ACTIONS = [
  'AddMessageContact', 'UpdateMessageContact', 'DeleteMessageContact', 'GetMessageContact', 'ListMessageContacts', 'AssociateMembers',
  'DisassociateMembers', 'SendEmailVerificationForMessageContact', 'SendPhoneVerificationForMessageContact', 'CancelMessageContactUpdate',
  'GetMessageContactDeletionStatus', 'ListMessageContactVerifications', 'EnableResourceDirectory', 'GetResourceDirectory',
  'DestroyResourceDirectory', 'CreateFolder', 'GetFolder', 'ListFoldersForParent', 'UpdateFolder', 'DeleteFolder', 'CreateResourceAccount',
  'GetAccount', 'ListAccounts', 'ListAccountsForParent', 'MoveAccount', 'ListAncestors',
];

describe('wildcards', () => {
  it('* matches any run of characters, including none, colons and slashes', () => {
    const p = wildcard('acs:resourcemanager:*:*:messagecontact/*', false);
    assert.ok(p.test(contactArn('c-abc')));
    assert.ok(p.test('acs:resourcemanager:cn-hangzhou:1:messagecontact/'));
    assert.ok(!p.test(`acs:resourcemanager::${ACCOUNT}:folder/rd-1/r-2`));
  });

  it('? matches exactly one character', () => {
    const p = wildcard('resourcemanager:Get?older', true);
    assert.ok(p.test('resourcemanager:GetFolder'));
    assert.ok(!p.test('resourcemanager:GetXXFolder'));
    assert.ok(!p.test('resourcemanager:Getolder'));
  });

  it('regular-expression characters in a pattern are literal', () => {
    const p = wildcard('acs:a.b:(x)+[y]:$:^', false);
    assert.ok(p.test('acs:a.b:(x)+[y]:$:^'));
    assert.ok(!p.test('acs:aXb:(x)+[y]:$:^'));
  });

  it('wildcards work in actions and resources of a statement', () => {
    const p = policy({ Effect: 'Allow', Action: 'resourcemanager:*MessageContact', Resource: `acs:resourcemanager:*:${ACCOUNT}:messagecontact/c-A?` });
    assert.ok(allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-A1'))));
    assert.ok(allowed(p, ask('resourcemanager:DeleteMessageContact', contactArn('c-A2'))));
    assert.ok(!allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-A12'))));
    assert.ok(!allowed(p, ask('resourcemanager:ListMessageContacts', contactArn('c-A1'))));
  });

  it('a policy ARN with region * and one with an empty region both match the request ARN', () => {
    for (const region of ['*', '']) {
      const p = policy({ Effect: 'Allow', Action: 'resourcemanager:GetMessageContact', Resource: `acs:resourcemanager:${region}:${ACCOUNT}:messagecontact/c-A` });
      assert.ok(allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-A'))), `region "${region}"`);
    }
  });
});

describe('actions and resources', () => {
  it('action names are case-insensitive', () => {
    const p = policy({ Effect: 'Allow', Action: 'ResourceManager:getmessagecontact', Resource: '*' });
    assert.ok(allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-A'))));
    const q = policy({ Effect: 'Allow', Action: 'RESOURCEMANAGER:LIST*', Resource: '*' });
    assert.ok(allowed(q, ask('resourcemanager:ListMessageContacts', contactArn('c-A'))));
  });

  it('resources are case-sensitive (IDs are)', () => {
    const p = policy({ Effect: 'Allow', Action: '*', Resource: contactArn('c-Abc') });
    assert.ok(allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-Abc'))));
    assert.ok(!allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-abc'))));
  });

  it('Action and Resource take a string or a list (any element matches)', () => {
    const p = policy({
      Effect: 'Allow',
      Action: ['resourcemanager:GetMessageContact', 'resourcemanager:UpdateMessageContact'],
      Resource: [contactArn('c-A'), contactArn('c-B')],
    });
    assert.ok(allowed(p, ask('resourcemanager:UpdateMessageContact', contactArn('c-B'))));
    assert.ok(allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-A'))));
    assert.ok(!allowed(p, ask('resourcemanager:DeleteMessageContact', contactArn('c-A'))));
    assert.ok(!allowed(p, ask('resourcemanager:GetMessageContact', contactArn('c-C'))));
  });

  it('a resource of another account does not match an account-specific ARN', () => {
    const p = policy({ Effect: 'Allow', Action: '*', Resource: `acs:resourcemanager:*:${ACCOUNT}:*` });
    assert.ok(allowed(p, ask('resourcemanager:GetFolder', `acs:resourcemanager::${ACCOUNT}:folder/rd-1/r-2`)));
    assert.ok(!allowed(p, ask('resourcemanager:GetFolder', 'acs:resourcemanager::9999999999999999:folder/rd-1/r-2')));
  });

  it('every resource of a request must be allowed', () => {
    const folder = `acs:resourcemanager::${ACCOUNT}:folder/rd-1/r-2/fd-3`;
    const account = `acs:resourcemanager::${ACCOUNT}:account/rd-1/r-2/1111111111111111`;
    const onlyFolders = policy({ Effect: 'Allow', Action: 'resourcemanager:MoveAccount', Resource: `acs:resourcemanager:*:${ACCOUNT}:folder/*` });
    const d = evaluate([onlyFolders], ask('resourcemanager:MoveAccount', [account, folder]));
    assert.equal(d.allowed, false);
    assert.equal(d.type, 'ImplicitDeny');
    assert.equal(d.resource, account);
    const both = policy({ Effect: 'Allow', Action: 'resourcemanager:MoveAccount', Resource: [`acs:resourcemanager:*:${ACCOUNT}:folder/*`, `acs:resourcemanager:*:${ACCOUNT}:account/*`] });
    assert.ok(allowed(both, ask('resourcemanager:MoveAccount', [account, folder])));
  });
});

describe('conditions', () => {
  const withCondition = (condition: object) => policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition });
  const get = (context: Partial<RequestFacts> = {}) => ask('resourcemanager:GetMessageContact', contactArn('c-A'), context);

  it('StringEquals: any listed value, case-sensitive', () => {
    const p = withCondition({ StringEquals: { 'acs:AccessId': ['LTAIother0001', 'LTAIalice0001'] } });
    assert.ok(allowed(p, get()));
    assert.ok(!allowed(p, get({ accessKeyId: 'LTAIALICE0001' })));
    assert.ok(!allowed(p, get({ accessKeyId: 'LTAIbob00001' })));
  });

  it('StringNotEquals: none of the values', () => {
    const p = withCondition({ StringNotEquals: { 'acs:AccessId': 'LTAIbob00001' } });
    assert.ok(allowed(p, get()));
    assert.ok(!allowed(p, get({ accessKeyId: 'LTAIbob00001' })));
  });

  it('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase', () => {
    const eq = withCondition({ StringEqualsIgnoreCase: { 'acs:PrincipalARN': `ACS:RAM::${ACCOUNT}:USER/ALICE` } });
    assert.ok(allowed(eq, get()));
    assert.ok(!allowed(eq, get({ principalArn: `acs:ram::${ACCOUNT}:user/bob` })));
    const ne = withCondition({ StringNotEqualsIgnoreCase: { 'acs:PrincipalARN': `ACS:RAM::${ACCOUNT}:USER/ALICE` } });
    assert.ok(!allowed(ne, get()));
    assert.ok(allowed(ne, get({ principalArn: `acs:ram::${ACCOUNT}:user/bob` })));
  });

  it('StringLike and StringNotLike use * and ?', () => {
    const like = withCondition({ StringLike: { 'acs:PrincipalARN': `acs:ram::${ACCOUNT}:user/a*` } });
    assert.ok(allowed(like, get()));
    assert.ok(!allowed(like, get({ principalArn: `acs:ram::${ACCOUNT}:user/bob` })));
    const notLike = withCondition({ StringNotLike: { 'acs:SourceIp': '203.0.113.?' } });
    assert.ok(!allowed(notLike, get()));
    assert.ok(allowed(notLike, get({ sourceIp: '203.0.113.10' })));
  });

  it('IpAddress: IPv4 CIDR blocks and single addresses', () => {
    const p = withCondition({ IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '203.0.113.9'] } });
    assert.ok(allowed(p, get()));
    assert.ok(allowed(p, get({ sourceIp: '10.200.1.1' })));
    assert.ok(!allowed(p, get({ sourceIp: '11.0.0.1' })));
    assert.ok(!allowed(p, get({ sourceIp: '203.0.113.8' })));
  });

  it('IpAddress: IPv6 CIDR blocks, and an IPv4 peer seen as ::ffff:a.b.c.d', () => {
    const p = withCondition({ IpAddress: { 'acs:SourceIp': ['2001:db8::/32', '192.0.2.0/24'] } });
    assert.ok(allowed(p, get({ sourceIp: '2001:db8:1::5' })));
    assert.ok(!allowed(p, get({ sourceIp: '2001:db9::5' })));
    assert.ok(allowed(p, get({ sourceIp: '::ffff:192.0.2.77' })));
    assert.ok(!allowed(p, get({ sourceIp: '::1' })));
  });

  it('NotIpAddress: outside every block', () => {
    const p = withCondition({ NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '::1/128'] } });
    assert.ok(allowed(p, get()));
    assert.ok(!allowed(p, get({ sourceIp: '10.1.1.1' })));
    assert.ok(!allowed(p, get({ sourceIp: '::1' })));
  });

  it('Bool on acs:SecureTransport, as a string or a JSON boolean', () => {
    for (const value of ['true', true, 'TRUE']) {
      const p = withCondition({ Bool: { 'acs:SecureTransport': value } });
      assert.ok(allowed(p, get({ secureTransport: true })), String(value));
      assert.ok(!allowed(p, get({ secureTransport: false })), String(value));
    }
    const plain = withCondition({ Bool: { 'acs:SecureTransport': false } });
    assert.ok(allowed(plain, get({ secureTransport: false })));
    assert.ok(!allowed(plain, get({ secureTransport: true })));
  });

  it('condition keys are case-insensitive', () => {
    const p = withCondition({ IpAddress: { 'ACS:SOURCEIP': '203.0.113.0/24' } });
    assert.ok(allowed(p, get()));
  });

  it('every operator and every key of a condition block must hold', () => {
    const p = withCondition({ IpAddress: { 'acs:SourceIp': '203.0.113.0/24' }, Bool: { 'acs:SecureTransport': 'true' }, StringEquals: { 'acs:AccessId': 'LTAIalice0001' } });
    assert.ok(allowed(p, get()));
    assert.ok(!allowed(p, get({ secureTransport: false })));
    assert.ok(!allowed(p, get({ sourceIp: '198.51.100.1' })));
    assert.ok(!allowed(p, get({ accessKeyId: 'LTAIbob00001' })));
  });
});

describe('decisions', () => {
  const allowAll = policy({ Effect: 'Allow', Action: '*', Resource: '*' });

  it('an explicit Deny wins over an Allow, in the same policy or another, whatever the order', () => {
    const deny = policy({ Effect: 'Deny', Action: 'resourcemanager:DeleteMessageContact', Resource: contactArn('c-A') });
    for (const policies of [[allowAll, deny], [deny, allowAll]]) {
      const d = evaluate(policies, ask('resourcemanager:DeleteMessageContact', contactArn('c-A')));
      assert.equal(d.allowed, false);
      assert.equal(d.type, 'ExplicitDeny');
      assert.equal(d.policy, deny);
      assert.equal(d.statement, 0);
    }
    const both = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'resourcemanager:Delete*', Resource: '*' });
    const d = evaluate([both], ask('resourcemanager:DeleteMessageContact', contactArn('c-B')));
    assert.deepEqual([d.type, d.statement], ['ExplicitDeny', 1]);
    assert.ok(allowed(both, ask('resourcemanager:GetMessageContact', contactArn('c-B'))));
  });

  it('a Deny whose condition does not hold does not deny', () => {
    const deny = policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'false' } } });
    assert.ok(allowed([allowAll, deny], ask('resourcemanager:GetMessageContact', contactArn('c-A'))));
    assert.ok(!allowed([allowAll, deny], ask('resourcemanager:GetMessageContact', contactArn('c-A'), { secureTransport: false })));
  });

  it('what nothing allows is denied implicitly (also with no policies at all)', () => {
    const p = policy({ Effect: 'Allow', Action: 'resourcemanager:GetMessageContact', Resource: '*' });
    const d = evaluate([p], ask('resourcemanager:AddMessageContact', `acs:resourcemanager::${ACCOUNT}:messagecontact/*`));
    assert.deepEqual([d.allowed, d.type, d.policy], [false, 'ImplicitDeny', undefined]);
    assert.equal(evaluate([], ask('resourcemanager:GetMessageContact', contactArn('c-A'))).type, 'ImplicitDeny');
    assert.equal(evaluate([allowAll], ask('resourcemanager:GetMessageContact', [])).allowed, false);
  });

  it('an Allow names the policy and statement that allowed', () => {
    const p = policy({ Effect: 'Allow', Action: 'resourcemanager:List*', Resource: '*' }, { Effect: 'Allow', Action: 'resourcemanager:Get*', Resource: '*' });
    const d = evaluate([p], ask('resourcemanager:GetFolder', '*'));
    assert.deepEqual([d.allowed, d.type, d.policy?.name, d.statement], [true, 'Allow', 'test', 1]);
  });
});

describe('system policies', () => {
  it('AliyunResourceDirectoryFullAccess allows every action of the product', () => {
    const full = systemPolicy('AliyunResourceDirectoryFullAccess')!;
    assert.equal(full.kind, 'System');
    for (const action of ACTIONS) assert.ok(allowed(full, ask(`resourcemanager:${action}`, contactArn('c-A'))), action);
  });

  it('AliyunResourceDirectoryReadOnlyAccess allows exactly the Get*/List* actions', () => {
    const readOnly = systemPolicy('AliyunResourceDirectoryReadOnlyAccess')!;
    const reads = ACTIONS.filter((a) => /^(Get|List)/.test(a));
    assert.equal(reads.length, 11);
    for (const action of ACTIONS) {
      assert.equal(allowed(readOnly, ask(`resourcemanager:${action}`, contactArn('c-A'))), reads.includes(action), action);
    }
  });

  it('an unknown name is no system policy', () => {
    assert.equal(systemPolicy('AdministratorAccess'), undefined);
    assert.equal(systemPolicy('toString'), undefined);
  });
});

describe('validation', () => {
  const reject = (doc: unknown, path: string, reason: RegExp) => {
    assert.throws(
      () => parsePolicy(doc, 'p'),
      (err: unknown) => err instanceof DocumentError && err.path === path && reason.test(err.reason),
      `${path} ${reason}`,
    );
  };
  const statement = (s: object) => ({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...s }] });

  it('the document shape', () => {
    reject('x', 'p', /must be an object/);
    reject([], 'p', /must be an object/);
    reject({ Statement: [] }, 'p.Version', /must be "1"/);
    reject({ Version: 1, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'p.Version', /must be "1"/);
    reject({ Version: '1', Statement: [] }, 'p.Statement', /non-empty list/);
    reject({ Version: '1', Statement: { Effect: 'Allow' } }, 'p.Statement', /non-empty list/);
    reject({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }], Id: 'x' }, 'p.Id', /unknown/);
  });

  it('statements', () => {
    reject({ Version: '1', Statement: [null] }, 'p.Statement[0]', /must be an object/);
    reject(statement({ Effect: 'allow' }), 'p.Statement[0].Effect', /"Allow" or "Deny"/);
    reject(statement({ Action: undefined }), 'p.Statement[0].Action', /is required/);
    reject(statement({ Action: [] }), 'p.Statement[0].Action', /is required/);
    reject(statement({ Action: ['resourcemanager:GetFolder', 7] }), 'p.Statement[0].Action[1]', /non-empty string/);
    reject(statement({ Action: 'GetFolder' }), 'p.Statement[0].Action[0]', /not an action/);
    reject(statement({ Resource: 'messagecontact/c-A' }), 'p.Statement[0].Resource[0]', /not a resource/);
    reject(statement({ Resource: '' }), 'p.Statement[0].Resource', /non-empty string/);
    reject(statement({ NotAction: '*' }), 'p.Statement[0].NotAction', /unsupported/);
    reject(statement({ Principal: '*' }), 'p.Statement[0].Principal', /unsupported/);
  });

  it('conditions', () => {
    reject(statement({ Condition: [] }), 'p.Statement[0].Condition', /must be an object/);
    reject(statement({ Condition: { DateLessThan: { 'acs:CurrentTime': 'x' } } }), 'p.Statement[0].Condition.DateLessThan', /unknown condition operator/);
    reject(statement({ Condition: { StringEquals: {} } }), 'p.Statement[0].Condition.StringEquals', /no condition key/);
    reject(statement({ Condition: { StringEquals: { 'acs:MFAPresent': 'true' } } }), 'p.Statement[0].Condition.StringEquals["acs:MFAPresent"]', /unknown condition key/);
    reject(statement({ Condition: { IpAddress: { 'acs:AccessId': '10.0.0.0/8' } } }), 'p.Statement[0].Condition.IpAddress["acs:AccessId"]', /does not apply/);
    reject(statement({ Condition: { Bool: { 'acs:SourceIp': 'true' } } }), 'p.Statement[0].Condition.Bool["acs:SourceIp"]', /does not apply/);
    reject(statement({ Condition: { StringLike: { 'acs:SecureTransport': 't*' } } }), 'p.Statement[0].Condition.StringLike["acs:SecureTransport"]', /does not apply/);
    reject(statement({ Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '10.0.0.0/33'] } } }), 'p.Statement[0].Condition.IpAddress["acs:SourceIp"][1]', /not an IP/);
    reject(statement({ Condition: { IpAddress: { 'acs:SourceIp': ['2001:db8::/129'] } } }), 'p.Statement[0].Condition.IpAddress["acs:SourceIp"][0]', /not an IP/);
    reject(statement({ Condition: { NotIpAddress: { 'acs:SourceIp': 'example.com' } } }), 'p.Statement[0].Condition.NotIpAddress["acs:SourceIp"][0]', /not an IP/);
    reject(statement({ Condition: { Bool: { 'acs:SecureTransport': 'yes' } } }), 'p.Statement[0].Condition.Bool["acs:SecureTransport"][0]', /true or false/);
    reject(statement({ Condition: { StringEquals: { 'acs:AccessId': [] } } }), 'p.Statement[0].Condition.StringEquals["acs:AccessId"]', /at least one value/);
    reject(statement({ Condition: { StringEquals: { 'acs:AccessId': [{}] } } }), 'p.Statement[0].Condition.StringEquals["acs:AccessId"][0]', /strings/);
  });

  it('a valid document keeps its JSON for explanations', () => {
    const doc = statement({ Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } });
    const p = parsePolicy(doc, 'p');
    assert.equal(p.document, doc);
    assert.equal(p.statements.length, 1);
  });
});
