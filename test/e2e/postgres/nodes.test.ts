/**
 * Several rdcontacts nodes (separate processes, separate data folders) over one PostgreSQL database, as
 * behind a load balancer: they see one state, share the signature nonces, and a job of a node that dies
 * is finished by another.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { errorOf, makeClient, type Call } from '../../support/clients.js';
import { killServes, spawnServe, type ServeProcess } from '../../support/child.js';
import { addContact, contactName, EMAIL, expectError } from '../../support/contacts.js';
import { POSTGRES_ONLY, freshTestDatabase, openPostgres } from '../../support/database.js';
import { httpRequest, v1FormPost } from '../../support/hand-signed.js';

const ROOT = {
  RDC_ROOT_ACCOUNT_ID: '1234567890123456',
  RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tNodesSharedKey0001',
  RDC_ROOT_ACCESS_KEY_SECRET: 'NodesSharedSecret0123456789',
};
const creds = { accessKeyId: ROOT.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: ROOT.RDC_ROOT_ACCESS_KEY_SECRET };

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('several nodes over one PostgreSQL database', { skip: POSTGRES_ONLY }, () => {
  const dirs: string[] = [];
  let database: Awaited<ReturnType<typeof freshTestDatabase>>;
  let db: Kysely<any>;
  let a: ServeProcess;
  let b: ServeProcess;
  let onA: Call;
  let onB: Call;

  /** A node of its own data folder over the shared database. */
  async function node(env: Record<string, string> = {}): Promise<ServeProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdc-pg-node-'));
    dirs.push(dataDir);
    return spawnServe({ ...ROOT, RDC_DATA_DIR: dataDir, RDC_DATABASE_URL: database.url, RDC_JOB_LEASE: '2', ...env });
  }

  before(async () => {
    database = await freshTestDatabase();
    db = openPostgres(database.url);
    [a, b] = await Promise.all([node(), node()]);
    onA = makeClient('openapi-core-v3', a.url, creds);
    onB = makeClient('pop-core-post', b.url, creds);
  });
  after(async () => {
    killServes();
    await db?.destroy();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('calls alternating between the nodes see one state', async () => {
    const rd = (await onA('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
    assert.equal((await onB('GetResourceDirectory')).ResourceDirectory.ResourceDirectoryId, rd.ResourceDirectoryId);
    const folder = (await onB('CreateFolder', { FolderName: 'finance', ParentFolderId: rd.RootFolderId })).Folder.FolderId;
    assert.equal((await onA('GetFolder', { FolderId: folder })).Folder.FolderName, 'finance');
    const account = (await onA('CreateResourceAccount', { DisplayName: 'billing', ParentFolderId: folder })).Account.AccountId;
    assert.equal((await onB('GetAccount', { AccountId: account })).Account.FolderId, folder);

    const id = await addContact(onB);
    await onA('UpdateMessageContact', { ContactId: id, Title: 'CEO', MessageTypes: ['ServiceMessage', 'FaultMessage'] });
    await onB('AssociateMembers', { ContactId: id, Members: [folder] });
    const seen = (await onA('GetMessageContact', { ContactId: id })).Contact;
    assert.deepEqual([seen.Title, [...seen.MessageTypes], [...seen.Members]], ['CEO', ['ServiceMessage', 'FaultMessage'], [folder]]);
    const listed = await onB('ListMessageContacts', { Member: folder });
    assert.deepEqual(listed.Contacts.map((c: { ContactId: string }) => c.ContactId), [id]);

    // A name taken on one node is taken on the other.
    await assert.rejects(onA('AddMessageContact', { Name: seen.Name, EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }), (err) => {
      assert.equal(errorOf(err).code, 'InvalidParameter.Name.AlreadyUsed');
      return true;
    });
    assert.equal((await onB('DeleteMessageContact', { ContactId: id })).Status, 'Deleted');
    await assert.rejects(onA('GetMessageContact', { ContactId: id }), (err) => {
      assert.equal(errorOf(err).code, 'EntityNotExists.Contact');
      return true;
    });
  });

  it('a nonce used on one node is refused on the other', async () => {
    for (const [first, second] of [[a, b], [b, a]] as const) {
      const request = v1FormPost(creds, 'GetResourceDirectory');
      const served = await httpRequest(first.url, request, false);
      assert.equal(served.status, 200, served.text);
      const replay = await httpRequest(second.url, request, false);
      assert.deepEqual([replay.status, replay.json.Code], [400, 'SignatureNonceUsed'], 'the other node refuses the replay');
      const again = await httpRequest(first.url, request, false);
      assert.deepEqual([again.status, again.json.Code], [400, 'SignatureNonceUsed'], 'and so does the first one');
    }
  });

  it('a call that would wait for a lock held elsewhere longer than 2 s answers 429 ConcurrentCallNotSupported, and goes through once it is released', async () => {
    const rd = (await onA('GetResourceDirectory')).ResourceDirectory;
    const contact = await addContact(onA);
    const params = () => ({ Name: contactName(), EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] });
    // Another session holds the directory's row (as a long transaction of some node would) and the contact's.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM directories WHERE id = $1 FOR UPDATE', [rd.ResourceDirectoryId]);
      await holder.query('SELECT id FROM contacts WHERE id = $1 FOR UPDATE', [contact]);
      await expectError(onB('AddMessageContact', params()), 'ConcurrentCallNotSupported');
      await expectError(onA('UpdateMessageContact', { ContactId: contact, Title: 'CEO' }), 'ConcurrentCallNotSupported');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await onB('AddMessageContact', params());
    await onA('UpdateMessageContact', { ContactId: contact, Title: 'CEO' });
    assert.equal((await onB('GetMessageContact', { ContactId: contact })).Contact.Title, 'CEO');
  });

  it('a node killed while it holds an asynchronous deletion job leaves the job to another node, which finishes it', async () => {
    const rd = (await onA('GetResourceDirectory')).ResourceDirectory;
    const doomed = await node();
    const onDoomed = makeClient('openapi-client-v1', doomed.url, creds);
    const id = await addContact(onDoomed);
    // Another session holds the directory's row, so the deletion job, once claimed, waits in its transaction
    // (up to the 2 s lock timeout): a node that dies then dies holding the job.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    let claimed: { id: string; lease_owner: string };
    let survivors: ServeProcess[];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM directories WHERE id = $1 FOR UPDATE', [rd.ResourceDirectoryId]);
      assert.equal((await onDoomed('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false })).Status, 'Deleting');
      // The node that took the call wakes its runner at once, so it is almost always the one that claims;
      // whichever node claims, that one is killed.
      claimed = await until('a node to claim the deletion job', async () => {
        const job = await db.selectFrom('jobs').select(['id', 'state', 'lease_owner']).where('subject', '=', id).executeTakeFirst();
        return job?.state === 'running' ? { id: String(job.id), lease_owner: String(job.lease_owner) } : undefined;
      });
      const nodes = [doomed, a, b];
      const holding = nodes.find((n) => claimed.lease_owner.startsWith(`${n.child.pid}-`))!;
      survivors = nodes.filter((n) => n !== holding);
      holding.child.kill('SIGKILL');
      assert.equal((await holding.exited).signal, 'SIGKILL');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const onSurvivor = makeClient('pop-core-post', survivors[0]!.url, creds);

    // The deletion was in progress when the node died: the contact is still there, Deleting.
    const status = (await onSurvivor('GetMessageContactDeletionStatus', { ContactId: id })).ContactDeletionStatus;
    assert.deepEqual([status.Status, status.ContactId], ['Deleting', id]);

    // Once the lease has lapsed, a surviving node claims the job again and removes the contact.
    await until('the contact to be removed by another node', async () => {
      try {
        await onSurvivor('GetMessageContact', { ContactId: id });
        return undefined;
      } catch (err) {
        assert.equal(errorOf(err).code, 'EntityNotExists.Contact');
        return true;
      }
    });
    const job = await db.selectFrom('jobs').selectAll().where('id', '=', claimed.id).executeTakeFirstOrThrow();
    assert.equal(job.state, 'done');
    assert.equal(Number(job.attempts), 2, 'claimed twice: by the node that died, then by the one that finished it');
    // Log lines are written up to 100 ms late (src/logger.ts).
    await until('one of the surviving nodes to log the removal', async () =>
      survivors.find((n) => n.logLines().some((l) => l.msg === 'contact deletion' && l.job === claimed.id && l.outcome === 'removed')),
    10_000);
  });
});
