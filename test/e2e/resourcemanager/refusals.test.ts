/**
 * The refusals of the ResourceManager 2020-03-31 actions of its own (not built on a 2022-04-19 declaration),
 * of a member's deletion status, and of AssumeRole's parameters: each as the client sends it, each changing nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { makeClient, type ApiParams, type Call } from '../../support/clients.js';
import { formPostClient } from '../../support/hand-signed.js';
import { expectError } from '../../support/contacts.js';

/** A Call under ResourceManager 2020-03-31: Terraform-style V1 form POSTs naming that Version. */
function resourceManager(url: string, creds: TestServer['creds']): Call {
  const form = formPostClient(url, creds);
  return (action: string, params: ApiParams = {}) => form(action, { ...params, Version: '2020-03-31' });
}

describe('ResourceManager 2020-03-31 and STS: the documented refusals', () => {
  let server: TestServer;
  let rm: Call;

  before(async () => {
    server = await startTestServer();
    rm = resourceManager(server.url, server.creds);
  });
  after(() => server.stop());

  it('control-policy calls without a directory: EntityNotExists.ResourceDirectory', async () => {
    await expectError(rm('EnableControlPolicy'), 'EntityNotExists.ResourceDirectory');
    await expectError(rm('DisableControlPolicy'), 'EntityNotExists.ResourceDirectory');
  });

  it('InitResourceDirectory twice: EntityAlreadyExists.ResourceDirectory; by a member account: NotSupport.AccountInAnotherResourceDirectory', async () => {
    const rd = (await rm('InitResourceDirectory')).ResourceDirectory;
    await expectError(rm('InitResourceDirectory'), 'EntityAlreadyExists.ResourceDirectory');
    const member = (await rm('CreateResourceAccount', { DisplayName: 'member one', AccountNamePrefix: 'member-one' })).Account.AccountId;
    const asMember = resourceManager(server.url, server.addTenant(member).creds);
    await expectError(asMember('InitResourceDirectory'), 'NotSupport.AccountInAnotherResourceDirectory');
    assert.equal((await rm('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, rd.ResourceDirectoryId, 'the directory is unchanged');
  });

  it('GetAccountDeletionStatus (both versions) of a member never asked to be deleted: EntityNotExists.CheckAccount', async () => {
    const member = (await rm('CreateResourceAccount', { DisplayName: 'member two', AccountNamePrefix: 'member-two' })).Account.AccountId;
    await expectError(rm('GetAccountDeletionStatus', { AccountId: member }), 'EntityNotExists.CheckAccount');
    await expectError(server.client()('GetAccountDeletionStatus', { AccountId: member }), 'EntityNotExists.CheckAccount');
  });

  it('AssumeRole without RoleArn: MissingParameter.RoleArn', async () => {
    const sts = makeClient('openapi-core-v3', server.url, server.creds, '2015-04-01');
    await expectError(sts('AssumeRole', { RoleSessionName: 'no-role' }), 'MissingParameter.RoleArn');
  });
});
