import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anyResource } from '../../../src/auth/resources.js';
import { defineOperation, type Operation } from '../../../src/operations/operation.js';
import { DEFAULT_VERSION, OperationRegistry, registry } from '../../../src/operations/registry.js';

/** An operation of `version` that answers which declaration served it. */
function declared(version: string, action: string): Operation<any, any> {
  return defineOperation({
    product: 'Test',
    version,
    ramService: 'test',
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

  it('the server declares its 26 Alibaba actions under ResourceDirectoryMaster 2022-04-19, 2 under Sts 2015-04-01 and the rest under its own Rdcontacts 2026-12-01', () => {
    const alibaba = registry.all().filter((op) => op.product === 'ResourceDirectoryMaster');
    assert.equal(alibaba.length, 26);
    for (const op of alibaba) assert.deepEqual([op.version, op.ramService], ['2022-04-19', 'resourcemanager'], op.action);
    assert.deepEqual([...registry.actionsOf('2015-04-01').keys()].sort(), ['AssumeRole', 'GetCallerIdentity']);
    for (const op of registry.actionsOf('2015-04-01').values()) assert.deepEqual([op.product, op.ramService], ['Sts', 'sts'], op.action);
    const own = registry.all().filter((op) => op.product !== 'ResourceDirectoryMaster' && op.product !== 'Sts');
    assert.ok(own.length > 0);
    for (const op of own) assert.deepEqual([op.product, op.version, op.ramService], ['Rdcontacts', '2026-12-01', 'rdcontacts'], op.action);
    for (const op of own) assert.equal(registry.route('2022-04-19', op.action), undefined, `${op.action} is not an action of 2022-04-19`);
    for (const op of alibaba) assert.equal(registry.route('2026-12-01', op.action), undefined, `${op.action} is not an action of 2026-12-01`);
  });
});
