import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startTestServer, type TestServer } from '../../support/server.js';
import { makeClient, type ApiParams, type Call } from '../../support/clients.js';
import { formPostClient } from '../../support/hand-signed.js';
import { rejectsWith } from '../../support/api-errors.js';
import { addActiveContact } from '../../support/contacts.js';
import { openTestDatabase } from '../../support/database.js';
import { killHard, serveProcess } from '../../support/process.js';

/** A Call under ResourceManager 2020-03-31: Terraform-style V1 form POSTs naming that Version. */
function resourceManager(url: string, creds: TestServer['creds']): Call {
  const form = formPostClient(url, creds);
  return (action: string, params: ApiParams = {}) => form(action, { ...params, Version: '2020-03-31' });
}

/** Polls GetAccountDeletionStatus until it reads `status`; answers every status seen on the way, in order. */
async function deletionStates(call: Call, accountId: string, status: string, timeoutMs = 20_000): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await call('GetAccountDeletionStatus', { AccountId: accountId })).RdAccountDeletionStatus.Status;
    if (seen.at(-1) !== s) seen.push(s);
    if (s === status) return seen;
    assert.ok(Date.now() < deadline, `still ${s}, waiting for ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('member account deletion: CheckAccountDelete → GetAccountDeletionCheckResult → DeleteAccount → GetAccountDeletionStatus', () => {
  let server: TestServer;
  let call: Call;
  let rm: Call;
  let folder: string;
  const newAccount = async (name: string, params: ApiParams = {}) => (await call('CreateResourceAccount', { DisplayName: name, ParentFolderId: folder, ...params })).Account.AccountId as string;

  before(async () => {
    server = await startTestServer({ RDC_ACCOUNT_DELETION_DELAY: '1' });
    call = server.client();
    rm = resourceManager(server.url, server.creds);
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    folder = (await call('CreateFolder', { FolderName: 'Members' })).Folder.FolderId;
  });
  after(async () => server?.stop());

  it('member deletion is refused until SetMemberDeletionPermission enables it (both versions); GetResourceDirectory shows the setting', async () => {
    const id = await newAccount('gated');
    for (const c of [call, rm]) {
      await rejectsWith(c('DeleteAccount', { AccountId: id }), 'NoLicense.ResourceDirectory', 409);
      await rejectsWith(c('CheckAccountDelete', { AccountId: id }), 'NoLicense.ResourceDirectory', 409);
      assert.equal((await c('GetResourceDirectory')).ResourceDirectory.MemberDeletionStatus, 'Disabled');
    }
    await rejectsWith(call('SetMemberDeletionPermission', { Status: 'On' }), 'InvalidParameter.Status', 400);
    const set = await rm('SetMemberDeletionPermission', { Status: 'Enabled' });
    assert.deepEqual([set.MemberDeletionStatus, set.ManagementAccountId], ['Enabled', server.root.accountId]);
    assert.equal((await call('GetResourceDirectory')).ResourceDirectory.MemberDeletionStatus, 'Enabled');
    assert.equal((await rm('GetResourceDirectory')).ResourceDirectory.MemberDeletionStatus, 'Enabled');
  });

  it('the states are observable: Checking (still in its folder), Deleting (gone at once), Success; the status answers after the member is gone', async () => {
    for (const [name, c] of [['2022-04-19', call], ['2020-03-31', rm]] as const) {
      const id = await newAccount(`doomed ${name}`);
      assert.equal((await c('DeleteAccount', { AccountId: id })).DeletionType, '0');
      const first = (await c('GetAccountDeletionStatus', { AccountId: id })).RdAccountDeletionStatus;
      assert.deepEqual([first.AccountId, first.Status, first.DeletionType, first.DeletionTime, first.FailReasonList], [id, 'Checking', '0', '', []]);
      // Still a member while it is checked: in its folder, and a second deletion conflicts.
      assert.equal((await c('GetAccount', { AccountId: id })).Account.FolderId, folder);
      await rejectsWith(c('DeleteAccount', { AccountId: id }), 'NotSupportedOperation.CheckingAccount', 409);
      await rejectsWith(c('CheckAccountDelete', { AccountId: id }), 'AccountTypeOrStatusMismatch', 409);
      assert.deepEqual(await deletionStates(c, id, 'Deleting'), ['Checking', 'Deleting']);
      // Deleting: the member has left the directory, so Terraform can delete the folder next.
      await rejectsWith(c('GetAccount', { AccountId: id }), 'EntityNotExists.Account', 404);
      const listed = (await c('ListAccountsForParent', { ParentFolderId: folder })).Accounts.Account.map((a: any) => a.AccountId);
      assert.ok(!listed.includes(id));
      await rejectsWith(c('DeleteAccount', { AccountId: id }), 'EntityNotExists.Account', 404);
      assert.deepEqual(await deletionStates(c, id, 'Success'), ['Deleting', 'Success']);
      const done = (await c('GetAccountDeletionStatus', { AccountId: id })).RdAccountDeletionStatus;
      assert.match(done.DeletionTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      assert.ok(done.DeletionTime >= done.CreateTime);
    }
  });

  it('the pre-check: EntityNotExists.CheckAccount before one is asked for, PreChecking, then PreCheckComplete with what blocks the deletion', async () => {
    const payer = await newAccount('payer');
    const paid = await newAccount('paid', { PayerAccountId: payer });
    await rejectsWith(call('GetAccountDeletionCheckResult', { AccountId: payer }), 'EntityNotExists.CheckAccount', 409);
    await rejectsWith(rm('GetAccountDeletionStatus', { AccountId: payer }), 'EntityNotExists.CheckAccount', 409);
    await rejectsWith(call('GetAccountDeletionStatus', { AccountId: '1234567890123456' }), 'EntityNotExists.Account', 404);
    await rejectsWith(call('CheckAccountDelete', { AccountId: '1234567890123456' }), 'EntityNotExists.Account', 404);
    await rejectsWith(call('GetAccountDeletionCheckResult', { AccountId: '1234567890123456' }), 'EntityNotExists.Account', 404);
    await rejectsWith(call('DeleteAccount', { AccountId: 'bogus' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('DeleteAccount', {}), 'MissingParameter.AccountId', 400);
    await rejectsWith(call('CheckAccountDelete', { AccountId: 'bogus' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('CheckAccountDelete', {}), 'MissingParameter.AccountId', 400);
    await rejectsWith(call('GetAccountDeletionCheckResult', { AccountId: 'bogus' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('GetAccountDeletionCheckResult', {}), 'MissingParameter.AccountId', 400);
    await rejectsWith(call('GetAccountDeletionStatus', { AccountId: 'bogus' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('GetAccountDeletionStatus', {}), 'MissingParameter.AccountId', 400);

    await rm('CheckAccountDelete', { AccountId: payer });
    assert.equal((await rm('GetAccountDeletionCheckResult', { AccountId: payer })).AccountDeletionCheckResultInfo.Status, 'PreChecking');
    await new Promise((r) => setTimeout(r, 1100));
    const info = (await call('GetAccountDeletionCheckResult', { AccountId: payer })).AccountDeletionCheckResultInfo;
    assert.deepEqual([info.Status, info.AllowDelete, info.AbandonableChecks, info.NotAllowReason.map((r: any) => r.CheckId)], ['PreCheckComplete', 'false', [], ['RD_PAYER']]);

    // Deleting it anyway fails its check: nothing changes, the reasons are listed; it can be asked again later.
    await call('DeleteAccount', { AccountId: payer });
    assert.deepEqual(await deletionStates(call, payer, 'CheckFailed'), ['Checking', 'CheckFailed']);
    const failed = (await call('GetAccountDeletionStatus', { AccountId: payer })).RdAccountDeletionStatus;
    assert.deepEqual(failed.FailReasonList.map((r: any) => r.Name), ['Resource Directory']);
    assert.equal((await call('GetAccount', { AccountId: payer })).Account.FolderId, folder);
    // Once the member it paid for is gone (UpdatePayerForAccount back to the management account), it may go.
    await call('UpdatePayerForAccount', { AccountId: paid, PayerAccountId: server.root.accountId });
    await call('CheckAccountDelete', { AccountId: payer });
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await rm('GetAccountDeletionCheckResult', { AccountId: payer })).AccountDeletionCheckResultInfo.AllowDelete, 'true');
    await rm('DeleteAccount', { AccountId: payer, AbandonableCheckId: '' });
    assert.deepEqual(await deletionStates(rm, payer, 'Success'), ['Checking', 'Deleting', 'Success']);
    await call('DeleteAccount', { AccountId: paid });
    await deletionStates(call, paid, 'Success');
  });

  it('a deleted member leaves bindings, coverage and retained contacts consistently; the directory can then be destroyed', async () => {
    const kept = await newAccount('kept');
    const doomed = await newAccount('doomed');
    // One contact bound to the member itself and to its folder; another bound only to the member.
    const both = await addActiveContact(server, call, { MessageTypes: ['FaultMessage'] });
    await call('AssociateMembers', { ContactId: both, Members: [doomed, folder] });
    const direct = await addActiveContact(server, call, { MessageTypes: ['AccountExpenses'] });
    await call('AssociateMembers', { ContactId: direct, Members: [doomed] });
    // A third, deleted retaining its coverage: the member keeps it as a retained contact.
    const retainedFrom = await addActiveContact(server, call, { MessageTypes: ['ServiceMessage'] });
    await call('AssociateMembers', { ContactId: retainedFrom, Members: [folder] });
    await call('DeleteMessageContact', { ContactId: retainedFrom, RetainContactInMembers: true });
    assert.equal((await server.app.services.coverage.retainedOf(doomed)).length, 1);
    // Deleting `direct` without retaining fails while it is the member's only AccountExpenses contact.
    await call('DeleteMessageContact', { ContactId: direct, RetainContactInMembers: false });
    for (;;) {
      const s = (await call('GetMessageContactDeletionStatus', { ContactId: direct })).ContactDeletionStatus;
      if (s.Status === 'Failed') {
        assert.deepEqual(s.FailReasonList.map((f: any) => f.AccountId), [doomed]);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }

    await call('DeleteAccount', { AccountId: doomed });
    await deletionStates(call, doomed, 'Deleting');
    const members = (await call('GetMessageContact', { ContactId: both })).Contact.Members;
    assert.deepEqual(members, [folder], 'the binding to the member is gone, the folder binding stays');
    assert.deepEqual(await server.app.services.coverage.retainedOf(doomed), []);
    const inFolder = (await call('ListAccountsForParent', { ParentFolderId: folder })).Accounts.Account.map((a: any) => a.AccountId);
    assert.ok(inFolder.includes(kept) && !inFolder.includes(doomed));
    assert.deepEqual((await server.app.services.coverage.coverageOf(both)).map((c) => c.accountId).sort(), inFolder.sort());
    // The contact that covered nothing else now has nothing that blocks its deletion.
    await call('DeleteMessageContact', { ContactId: direct, RetainContactInMembers: false });
    for (;;) {
      const gone = await call('GetMessageContact', { ContactId: direct }).then(() => false, () => true);
      if (gone) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    for (const id of inFolder) {
      await call('DeleteAccount', { AccountId: id });
      await deletionStates(call, id, 'Deleting');
    }
    await rejectsWith(call('DestroyResourceDirectory'), 'DeleteConflict.Folder.SubFolder', 409);
    await call('DeleteMessageContact', { ContactId: both });
    await rm('DeleteFolder', { FolderId: folder });
    await rm('DestroyResourceDirectory');
    await rejectsWith(rm('GetResourceDirectory'), 'ResourceDirectoryNotInUse', 404);
    // The directory's past deletions went with it.
    await rejectsWith(call('GetAccountDeletionStatus', { AccountId: doomed }), 'EntityNotExists.Account', 404);
  });
});

describe('an account deletion interrupted by kill -9 completes after a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-account-restart-'));
  let child: ChildProcess | undefined;
  after(async () => {
    if (child && child.exitCode === null) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('DeleteAccount answered, the server is killed while the member is Checking, the restarted server finishes: Deleting, then Success', async () => {
    const setup = await startTestServer({}, dataDir);
    let creds: TestServer['creds'];
    let member: string;
    let folder: string;
    try {
      const call = setup.client();
      await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
      await call('SetMemberDeletionPermission', { Status: 'Enabled' });
      folder = (await call('CreateFolder', { FolderName: 'Doomed' })).Folder.FolderId;
      member = (await call('CreateResourceAccount', { DisplayName: 'short-lived', ParentFolderId: folder })).Account.AccountId;
      creds = setup.creds;
    } finally {
      await setup.stop();
    }

    const env = { RDC_ACCOUNT_DELETION_DELAY: '2', RDC_JOB_LEASE: '2' };
    const first = await serveProcess(dataDir, env);
    child = first.child;
    const rm = resourceManager(first.url, creds);
    await rm('DeleteAccount', { AccountId: member });
    assert.equal((await rm('GetAccountDeletionStatus', { AccountId: member })).RdAccountDeletionStatus.Status, 'Checking');
    await killHard(child);
    const db = openTestDatabase(dataDir);
    try {
      const deletion = await db.selectFrom('account_deletions').select('status').where('account_id', '=', member).executeTakeFirst();
      assert.equal(deletion?.status, 'Checking');
      const jobs = await db.selectFrom('jobs').select('state').where('kind', '=', 'account-deletion').where('subject', '=', member).execute();
      assert.deepEqual(jobs.map((j) => j.state).filter((s) => s !== 'done').length, 1, 'its step is still to run');
    } finally {
      await db.destroy();
    }

    const second = await serveProcess(dataDir, env);
    child = second.child;
    const again = makeClient('pop-core-post', second.url, creds);
    assert.deepEqual((await deletionStates(again, member, 'Success')).slice(-2), ['Deleting', 'Success']);
    await rejectsWith(again('GetAccount', { AccountId: member }), 'EntityNotExists.Account', 404);
    await again('DeleteFolder', { FolderId: folder });
    await resourceManager(second.url, creds)('DestroyResourceDirectory');
  });
});
