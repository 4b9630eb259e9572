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

  it('the server declares its 26 actions under ResourceDirectoryMaster 2022-04-19, its own under Rdcontacts 2026-12-01 and 2 under Sts 2015-04-01', () => {
    const byApi = (version: string) => registry.all().filter((op) => op.version === version);
    assert.equal(byApi('2022-04-19').length, 26);
    for (const op of byApi('2022-04-19')) assert.deepEqual([op.product, op.ramService], ['ResourceDirectoryMaster', 'resourcemanager'], op.action);
    assert.deepEqual(byApi('2026-12-01').map((op) => [op.product, op.ramService, op.action]), [['Rdcontacts', 'rdcontacts', 'ListOutboxMessages']]);
    assert.deepEqual(byApi('2015-04-01').map((op) => [op.product, op.ramService, op.action]).sort(), [['Sts', 'sts', 'AssumeRole'], ['Sts', 'sts', 'GetCallerIdentity']]);
    assert.equal(registry.all().length, 29);
  });
});
