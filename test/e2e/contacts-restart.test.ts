import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startTestServer } from '../support/server.js';
import { SQLITE_FILE } from '../../src/store/sqlite.js';
import { errorOf, makeClient, type Call, type Credentials } from '../support/clients.js';
import { addAccount, addActiveContact, addFolder, enableDirectory } from '../support/contacts.js';
import { killHard, serveProcess } from '../support/process.js';

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

    const first = await serveProcess(dataDir, { RDC_CONTACT_DELETION_DELAY: '2' });
    child = first.child;
    const call = makeClient('openapi-core-v3', first.url, creds);
    assert.equal((await call('DeleteMessageContact', { ContactId: doomed, RetainContactInMembers: false })).Status, 'Deleting');
    assert.equal((await call('DeleteMessageContact', { ContactId: blocked, RetainContactInMembers: false })).Status, 'Deleting');
    await killHard(child);
    // What the killed server left in its store: both contacts Deleting, their jobs queued.
    const db = new BetterSqlite3(join(dataDir, SQLITE_FILE), { readonly: true });
    try {
      const contacts = db.prepare("SELECT id, deletion_status FROM contacts WHERE id IN (?, ?) ORDER BY id").all(doomed, blocked);
      assert.deepEqual(contacts.map((c: any) => c.deletion_status), ['Deleting', 'Deleting']);
      const jobs = db.prepare("SELECT subject, state FROM jobs WHERE kind = 'contact-deletion' AND state IN ('ready', 'running')").all() as any[];
      assert.deepEqual(jobs.map((j) => j.subject).sort(), [doomed, blocked].sort());
    } finally {
      db.close();
    }

    const second = await serveProcess(dataDir, { RDC_CONTACT_DELETION_DELAY: '2' });
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
