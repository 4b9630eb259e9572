import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../../support/server.js';
import { openTestDatabase } from '../../support/database.js';
import { errorOf, makeClient, type Call, type Credentials } from '../../support/clients.js';
import { addAccount, addActiveContact, addFolder, enableDirectory } from '../../support/contacts.js';
import { killHard, serveProcess } from '../../support/process.js';

async function deletionOutcome(call: Call, contactId: string): Promise<any> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const status = (await call('GetMessageContactDeletionStatus', { ContactId: contactId })).ContactDeletionStatus;
      if (status.Status !== 'Deleting') return status;
    } catch (err) {
      if (errorOf(err).code === 'EntityNotExists.Contact') return 'gone';
      throw err;
    }
    assert.ok(Date.now() < deadline, 'the deletion did not complete');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a deletion interrupted by kill -9 completes after a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-restart-'));
  let child: ChildProcess | undefined;
  after(async () => {
    if (child && child.exitCode === null) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('DeleteMessageContact (RetainContactInMembers=false) answered Deleting, the server is killed, the restarted server finishes the jobs', async () => {
    // Set up the tree and two Active contacts with an in-process server over the data folder.
    const setup = await startTestServer({}, dataDir);
    let creds: Credentials;
    let doomed: string;
    let blocked: string;
    let account: string;
    try {
      const rd = await enableDirectory(setup);
      const call = setup.client();
      const folder = await addFolder(setup, rd, rd.rootFolderId, 1);
      account = await addAccount(setup, rd, folder);
      blocked = await addActiveContact(setup, call, { MessageTypes: ['FaultMessage'] });
      await call('AssociateMembers', { ContactId: blocked, Members: [folder] });
      doomed = await addActiveContact(setup, call, { MessageTypes: ['AccountExpenses'] });
      creds = setup.creds;
    } finally {
      await setup.stop();
    }

    // The deletions wait 2 s in the queue, so the server is killed with both jobs unfinished; a short job
    // lease lets any claim it made lapse soon after the restart.
    const env = { RDC_CONTACT_DELETION_DELAY: '2', RDC_JOB_LEASE: '2' };
    const first = await serveProcess(dataDir, env);
    child = first.child;
    const call = makeClient('openapi-core-v3', first.url, creds);
    assert.equal((await call('DeleteMessageContact', { ContactId: doomed, RetainContactInMembers: false })).Status, 'Deleting');
    assert.equal((await call('DeleteMessageContact', { ContactId: blocked, RetainContactInMembers: false })).Status, 'Deleting');
    await killHard(child);
    // What the killed server left in its store: both contacts Deleting, their jobs unfinished.
    const db = openTestDatabase(dataDir);
    try {
      const contacts = await db.selectFrom('contacts').select(['id', 'deletion_status']).where('id', 'in', [doomed, blocked]).execute();
      assert.deepEqual(contacts.map((c) => c.deletion_status), ['Deleting', 'Deleting']);
      const jobs = await db.selectFrom('jobs').select(['subject', 'state']).where('kind', '=', 'contact-deletion').where('state', 'in', ['ready', 'running']).execute();
      assert.deepEqual(jobs.map((j) => j.subject).sort(), [doomed, blocked].sort());
    } finally {
      await db.destroy();
    }

    const second = await serveProcess(dataDir, env);
    child = second.child;
    const again = makeClient('pop-core-post', second.url, creds);
    assert.equal(await deletionOutcome(again, doomed), 'gone');
    const failed = await deletionOutcome(again, blocked);
    assert.deepEqual(
      { ...failed, FailReasonList: failed.FailReasonList.map((f: any) => ({ AccountId: f.AccountId, MessageTypes: [...f.MessageTypes] })) },
      { ContactId: blocked, Status: 'Failed', FailReasonList: [{ AccountId: account, MessageTypes: ['FaultMessage'] }] },
    );
    assert.equal((await again('GetMessageContact', { ContactId: blocked })).Contact.Status, 'Active');
  });
});
