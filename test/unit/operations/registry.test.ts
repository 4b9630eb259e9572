import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anyResource } from '../../../src/auth/resources.js';
import { defineOperation, type Operation } from '../../../src/operations/operation.js';
import { DEFAULT_VERSION, OperationRegistry, registry } from '../../../src/operations/registry.js';

/** An operation of `version` that answers which declaration served it. */
function declared(version: string, action: string): Operation<any, any> {
  return defineOperation({
    product: 'Test',
    ramService: 'test',
    version,
    action,
    scope: 'tenant',
    resources: [anyResource],
    params: [],
    errors: [],
    handle: async () => ({ ServedBy: `${version} ${action}` }),
  });
}

describe('OperationRegistry', () => {
  const routes = new OperationRegistry([
    declared(DEFAULT_VERSION, 'GetThing'),
    declared(DEFAULT_VERSION, 'ListThings'),
    declared('2026-12-01', 'GetThing'),
  ]);
  const servedBy = (version: string, action: string) => routes.route(version, action)?.operation;

  it('the same action under two versions is two operations', () => {
    assert.equal(servedBy(DEFAULT_VERSION, 'GetThing')?.version, DEFAULT_VERSION);
    assert.equal(servedBy('2026-12-01', 'GetThing')?.version, '2026-12-01');
    assert.equal(routes.route('2026-12-01', 'GetThing')?.unknownVersion, false);
  });

  it('a version the registry knows answers only its own actions (InvalidAction.NotFound for the others)', () => {
    assert.equal(routes.route('2026-12-01', 'ListThings'), undefined);
    assert.equal(routes.route(DEFAULT_VERSION, 'NoSuchAction'), undefined);
  });

  it('a version no operation declares is served as the default version, and says so', () => {
    const route = routes.route('2099-01-01', 'ListThings');
    assert.equal(route?.operation.version, DEFAULT_VERSION);
    assert.equal(route?.unknownVersion, true);
    assert.equal(routes.route('', 'GetThing')?.operation.version, DEFAULT_VERSION);
    assert.equal(routes.route('2099-01-01', 'NoSuchAction'), undefined);
  });

  it('refuses an action declared twice under one version', () => {
    assert.throws(() => new OperationRegistry([declared('2026-12-01', 'GetThing'), declared('2026-12-01', 'GetThing')]), /declared twice/);
  });

  it('the server declares 38 actions under ResourceDirectoryMaster 2022-04-19, 26 under ResourceManager 2020-03-31, its own under Rdcontacts 2026-12-01, 2 under Sts 2015-04-01 and LookupEvents under Actiontrail 2020-07-06', () => {
    const byApi = (product: string, version: string) => registry.all().filter((op) => op.product === product && op.version === version);
    assert.equal(byApi('ResourceDirectoryMaster', '2022-04-19').length, 38);
    assert.equal(byApi('ResourceManager', '2020-03-31').length, 26);
    assert.deepEqual(byApi('Sts', '2015-04-01').map((op) => [op.action, op.ramService]).sort(), [['AssumeRole', 'sts'], ['GetCallerIdentity', 'sts']]);
    assert.deepEqual(byApi('Actiontrail', '2020-07-06').map((op) => [op.action, op.ramService]), [['LookupEvents', 'actiontrail']]);
    const own = byApi('Rdcontacts', '2026-12-01');
    assert.ok(own.some((op) => op.action === 'ListOutboxMessages') && own.some((op) => op.action === 'PublishMessage'));
    for (const op of own) assert.equal(op.ramService, 'rdcontacts', op.action);
    for (const op of own) assert.equal(registry.route('2022-04-19', op.action), undefined, `${op.action} is not an action of 2022-04-19`);
    for (const op of byApi('ResourceDirectoryMaster', '2022-04-19')) assert.equal(registry.route('2026-12-01', op.action), undefined, `${op.action} is not an action of 2026-12-01`);
    assert.equal(registry.all().length, 68 + own.length - 1, 'nothing else');
  });

  it('a folder made through one version is the folder read through the other: both versions run the same handler', () => {
    for (const action of ['CreateFolder', 'GetFolder', 'CreateResourceAccount', 'DeleteAccount', 'GetAccountDeletionStatus', 'TagResources']) {
      const rm = registry.route('2020-03-31', action)!.operation;
      const rdm = registry.route('2022-04-19', action)!.operation;
      assert.equal(rm.scope, rdm.scope, action);
      assert.deepEqual(rm.resources, rdm.resources, action);
    }
    assert.equal(registry.route('2020-03-31', 'InitResourceDirectory')?.operation.product, 'ResourceManager');
    assert.equal(registry.route('2022-04-19', 'InitResourceDirectory'), undefined, 'InitResourceDirectory is ResourceManager only');
    assert.equal(registry.route('2020-03-31', 'AddMessageContact'), undefined, 'message contacts are ResourceDirectoryMaster only');
  });
});
