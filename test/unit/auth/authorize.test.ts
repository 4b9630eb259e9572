import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authorizer, decide, factsOf } from '../../../src/auth/authorize.js';
import type { AccessKey } from '../../../src/auth/keys.js';
import { parsePolicy, systemPolicy, type Policy } from '../../../src/auth/policy.js';
import { resourcesOf, treePaths, type Target, type TreePaths } from '../../../src/auth/resources.js';
import { ApiError } from '../../../src/errors/api-error.js';
import { operations, registry } from '../../../src/operations/registry.js';
import { openSqliteStore } from '../../../src/store/sqlite/open.js';

const ACCOUNT = '1234567890123456';
const OTHER = '6543210987654321';
const arn = (resource: string) => `acs:resourcemanager::${ACCOUNT}:${resource}`;

/** A tree of the caller's account: rd-aaaaaa/r-bbbbbb/fd-cccccccccc, member 1111111111111111 in that folder. */
const tree: TreePaths = {
  rootPath: async (tenant) => (tenant === ACCOUNT ? 'rd-aaaaaa/r-bbbbbb' : undefined),
  folderPath: async (tenant, id) =>
    tenant !== ACCOUNT ? undefined : ({ 'r-bbbbbb': 'rd-aaaaaa/r-bbbbbb', 'fd-cccccccccc': 'rd-aaaaaa/r-bbbbbb/fd-cccccccccc' } as Record<string, string>)[id],
  accountPath: async (tenant, id) => (tenant === ACCOUNT && id === '1111111111111111' ? 'rd-aaaaaa/r-bbbbbb/fd-cccccccccc/1111111111111111' : undefined),
};

function user(policies: Policy[], accountId = ACCOUNT): AccessKey {
  return { id: 'LTAIalice0001', secret: 'secret-alice', status: 'Active', principal: { accountId, type: 'SubUser', name: 'alice' }, policies };
}
/** The resource ARNs an action's declaration builds. */
const resourcesFor = (action: string, target: Target) => resourcesOf(operations.get(action)!.resources, target);
const root: AccessKey = { id: 'LTAIroot00001', secret: 'secret-root', status: 'Active', principal: { accountId: ACCOUNT, type: 'Root', name: ACCOUNT }, policies: [] };

describe('resource ARNs of every action', () => {
  const cases: Record<string, [Record<string, unknown>, string[]]> = {
    AddMessageContact: [{ Name: 'x' }, [arn('messagecontact/*')]],
    UpdateMessageContact: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    DeleteMessageContact: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    GetMessageContact: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    ListMessageContacts: [{ ContactId: 'c-A' }, [arn('messagecontact/*')]],
    AssociateMembers: [{ ContactId: 'c-A' }, ['*']],
    DisassociateMembers: [{ ContactId: 'c-A' }, ['*']],
    SendEmailVerificationForMessageContact: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    SendPhoneVerificationForMessageContact: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    CancelMessageContactUpdate: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    GetMessageContactDeletionStatus: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    ListMessageContactVerifications: [{ ContactId: 'c-A' }, [arn('messagecontact/c-A')]],
    EnableResourceDirectory: [{}, ['*']],
    GetResourceDirectory: [{}, ['*']],
    DestroyResourceDirectory: [{}, ['*']],
    CreateFolder: [{ ParentFolderId: 'r-bbbbbb' }, [arn('folder/rd-aaaaaa/r-bbbbbb')]],
    GetFolder: [{ FolderId: 'fd-cccccccccc' }, [arn('folder/rd-aaaaaa/r-bbbbbb/fd-cccccccccc')]],
    ListFoldersForParent: [{ ParentFolderId: 'fd-cccccccccc' }, [arn('folder/rd-aaaaaa/r-bbbbbb/fd-cccccccccc')]],
    UpdateFolder: [{ FolderId: 'fd-cccccccccc' }, [arn('folder/rd-aaaaaa/r-bbbbbb/fd-cccccccccc')]],
    DeleteFolder: [{ FolderId: 'fd-cccccccccc' }, [arn('folder/rd-aaaaaa/r-bbbbbb/fd-cccccccccc')]],
    CreateResourceAccount: [{ DisplayName: 'x' }, [arn('folder/rd-aaaaaa/r-bbbbbb')]],
    GetAccount: [{ AccountId: '1111111111111111' }, [arn('account/rd-aaaaaa/r-bbbbbb/fd-cccccccccc/1111111111111111')]],
    ListAccounts: [{}, [arn('account/*')]],
    ListAccountsForParent: [{ ParentFolderId: 'r-bbbbbb' }, [arn('folder/rd-aaaaaa/r-bbbbbb')]],
    MoveAccount: [
      { AccountId: '1111111111111111', DestinationFolderId: 'r-bbbbbb' },
      [arn('account/rd-aaaaaa/r-bbbbbb/fd-cccccccccc/1111111111111111'), arn('folder/rd-aaaaaa/r-bbbbbb')],
    ],
    ListAncestors: [{ ChildId: 'fd-cccccccccc' }, ['*']],
  };

  it('covers the 26 actions of the API, and every operation declares its resources', () => {
    assert.equal(Object.keys(cases).length, 26);
    assert.deepEqual([...operations.keys()].sort(), Object.keys(cases).sort());
    for (const op of registry.all()) assert.ok(op.resources.length > 0 || op.ramExempt !== undefined, `${op.version} ${op.action} declares no resource`);
  });

  for (const [action, [params, expected]] of Object.entries(cases)) {
    it(action, async () => {
      assert.deepEqual(await resourcesFor(action, { accountId: ACCOUNT, params, tree }), expected);
    });
  }

  it('a folder or member not in the caller’s directory (missing or another tenant’s) keeps its ID as given', async () => {
    assert.deepEqual(await resourcesFor('GetFolder', { accountId: ACCOUNT, params: { FolderId: 'fd-zzzzzzzzzz' }, tree }), [arn('folder/fd-zzzzzzzzzz')]);
    assert.deepEqual(await resourcesFor('GetFolder', { accountId: OTHER, params: { FolderId: 'fd-cccccccccc' }, tree }), [
      `acs:resourcemanager::${OTHER}:folder/fd-cccccccccc`,
    ]);
    assert.deepEqual(await resourcesFor('GetAccount', { accountId: OTHER, params: { AccountId: '1111111111111111' }, tree }), [
      `acs:resourcemanager::${OTHER}:account/1111111111111111`,
    ]);
    assert.deepEqual(await resourcesFor('CreateResourceAccount', { accountId: OTHER, params: {}, tree }), [`acs:resourcemanager::${OTHER}:folder/`]);
  });
});

describe('tree paths from the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdc-paths-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ResourceDirectoryPaths of folders and members, only within the tenant’s own directory', async () => {
    const store = await openSqliteStore(dir);
    try {
      const paths = treePaths(store);
      assert.equal(await paths.rootPath(ACCOUNT), undefined, 'no directory yet');
      await store.directories.createDirectory({ id: 'rd-aaaaaa', accountId: ACCOUNT, rootFolderId: 'r-bbbbbb', masterAccountName: 'a', createdAt: 1 }, 'Root');
      await store.directories.createDirectory({ id: 'rd-dddddd', accountId: OTHER, rootFolderId: 'r-eeeeee', masterAccountName: 'b', createdAt: 1 }, 'Root');
      await store.folders.insertFolder({ id: 'fd-cccccccccc', directoryId: 'rd-aaaaaa', parentId: 'r-bbbbbb', name: 'a', depth: 1, createdAt: 1 });
      await store.folders.insertFolder({ id: 'fd-ffffffffff', directoryId: 'rd-aaaaaa', parentId: 'fd-cccccccccc', name: 'b', depth: 2, createdAt: 1 });
      await store.accounts.insertAccount({
        id: '1111111111111111', directoryId: 'rd-aaaaaa', folderId: 'fd-ffffffffff', displayName: 'm', accountName: 'm@x', type: 'ResourceAccount',
        status: 'CreateSuccess', joinMethod: 'created', joinTime: 1, modifyTime: 1,
      });
      assert.equal(await paths.rootPath(ACCOUNT), 'rd-aaaaaa/r-bbbbbb');
      assert.equal(await paths.folderPath(ACCOUNT, 'r-bbbbbb'), 'rd-aaaaaa/r-bbbbbb');
      assert.equal(await paths.folderPath(ACCOUNT, 'fd-ffffffffff'), 'rd-aaaaaa/r-bbbbbb/fd-cccccccccc/fd-ffffffffff');
      assert.equal(await paths.accountPath(ACCOUNT, '1111111111111111'), 'rd-aaaaaa/r-bbbbbb/fd-cccccccccc/fd-ffffffffff/1111111111111111');
      assert.equal(await paths.folderPath(ACCOUNT, 'fd-0000000000'), undefined);
      assert.equal(await paths.accountPath(ACCOUNT, '2222222222222222'), undefined);
      // The other tenant sees none of it.
      assert.equal(await paths.rootPath(OTHER), 'rd-dddddd/r-eeeeee');
      assert.equal(await paths.folderPath(OTHER, 'fd-ffffffffff'), undefined);
      assert.equal(await paths.folderPath(OTHER, 'r-bbbbbb'), undefined);
      assert.equal(await paths.accountPath(OTHER, '1111111111111111'), undefined);
    } finally {
      await store.close();
    }
  });
});

describe('decide', () => {
  const request = (resource: string) => ({ action: 'resourcemanager:DeleteFolder', resources: [resource], context: factsOf(root, '127.0.0.1', false) });

  it('a root key may do anything within its own account, and nothing in another', () => {
    assert.equal(decide(root, request(arn('folder/rd-aaaaaa/r-bbbbbb'))).allowed, true);
    assert.equal(decide(root, request('*')).allowed, true);
    const d = decide(root, request(`acs:resourcemanager::${OTHER}:folder/rd-x/r-y`));
    assert.deepEqual([d.allowed, d.type], [false, 'ImplicitDeny']);
  });

  it('a RAM user only what its policies allow', () => {
    const key = user([systemPolicy('AliyunResourceDirectoryReadOnlyAccess')!]);
    assert.equal(decide(key, { ...request('*'), action: 'resourcemanager:GetFolder' }).allowed, true);
    assert.equal(decide(key, request('*')).allowed, false);
  });

  it('the principal ARN condition key names the user or the root', () => {
    assert.equal(factsOf(root, '::1', true).principalArn, `acs:ram::${ACCOUNT}:root`);
    assert.equal(factsOf(user([]), '::1', true).principalArn, `acs:ram::${ACCOUNT}:user/alice`);
  });
});

describe('Authorizer', () => {
  const authorizer = new Authorizer(tree);
  const call = (key: AccessKey, action: string, params: Record<string, unknown>, secureTransport = false) =>
    authorizer.authorize({ requestId: 'REQ-1', action, key, resources: operations.get(action)?.resources ?? [], params, sourceIp: '127.0.0.1', secureTransport });

  async function denial(promise: Promise<void>): Promise<Record<string, string>> {
    const err = await promise.then(
      () => assert.fail('expected NoPermission'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 'NoPermission');
    assert.equal(err.status, 403);
    return (err.extra as { AccessDeniedDetail: Record<string, string> }).AccessDeniedDetail;
  }

  it('a user allowed one contact reads that contact and no other', async () => {
    const one = parsePolicy(
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:GetMessageContact', Resource: `acs:resourcemanager:*:${ACCOUNT}:messagecontact/c-A` }] },
      'alice.policies[0]',
    );
    const key = user([one]);
    await call(key, 'GetMessageContact', { ContactId: 'c-A' });
    const detail = await denial(call(key, 'GetMessageContact', { ContactId: 'c-B' }));
    assert.deepEqual(Object.keys(detail), ['PolicyType', 'AuthPrincipalOwnerId', 'AuthPrincipalType', 'AuthPrincipalDisplayName', 'NoPermissionType', 'AuthAction', 'EncodedDiagnosticMessage']);
    assert.equal(detail.AuthAction, 'resourcemanager:GetMessageContact');
    assert.equal(detail.NoPermissionType, 'ImplicitDeny');
    assert.equal(detail.AuthPrincipalType, 'SubUser');
    assert.equal(detail.AuthPrincipalOwnerId, ACCOUNT);
    assert.equal(detail.AuthPrincipalDisplayName, 'alice');
    assert.equal(detail.PolicyType, 'AccountLevelIdentityBasedPolicy');
    const diagnostic = JSON.parse(Buffer.from(detail.EncodedDiagnosticMessage!, 'base64').toString('utf8'));
    assert.equal(diagnostic.AuthResource, arn('messagecontact/c-B'));
    assert.equal(diagnostic.RequestId, 'REQ-1');
    await denial(call(key, 'UpdateMessageContact', { ContactId: 'c-A' }));
    await denial(call(key, 'ListMessageContacts', {}));
  });

  it('an explicit Deny reports the deciding policy and statement in the diagnostic', async () => {
    const deny = parsePolicy({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'resourcemanager:*', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'false' } } }] }, 'alice.policies[1]');
    const key = user([systemPolicy('AliyunResourceDirectoryFullAccess')!, deny]);
    await call(key, 'DeleteFolder', { FolderId: 'fd-cccccccccc' }, true);
    const detail = await denial(call(key, 'DeleteFolder', { FolderId: 'fd-cccccccccc' }, false));
    assert.equal(detail.NoPermissionType, 'ExplicitDeny');
    const diagnostic = JSON.parse(Buffer.from(detail.EncodedDiagnosticMessage!, 'base64').toString('utf8'));
    assert.equal(diagnostic.DecidingPolicy, 'alice.policies[1]');
    assert.equal(diagnostic.DecidingStatement, 0);
    assert.equal(diagnostic.AuthResource, arn('folder/rd-aaaaaa/r-bbbbbb/fd-cccccccccc'));
  });

  it('folder policies follow the ResourceDirectoryPath: a subtree grant covers the folders below', async () => {
    const subtree = parsePolicy(
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:GetFolder', Resource: `acs:resourcemanager::${ACCOUNT}:folder/rd-aaaaaa/r-bbbbbb/fd-cccccccccc*` }] },
      'p',
    );
    const key = user([subtree]);
    await call(key, 'GetFolder', { FolderId: 'fd-cccccccccc' });
    await denial(call(key, 'GetFolder', { FolderId: 'r-bbbbbb' }));
  });

  it('a root key is never refused; an action declaring no resource is refused to a user (fail closed)', async () => {
    await call(root, 'DeleteFolder', { FolderId: 'fd-cccccccccc' });
    await denial(call(user([systemPolicy('AliyunResourceDirectoryFullAccess')!]), 'NoSuchAction', {}));
  });
});
