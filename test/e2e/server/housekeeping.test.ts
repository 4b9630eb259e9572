import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, type Call } from '../../support/clients.js';
import { openTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { EMAIL, PHONE, addAccount, addActiveContact, addContact, addFolder, enableDirectory } from '../../support/contacts.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { Housekeeping } from '../../../src/jobs/housekeeping.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deletes a contact without retaining and waits for its job to settle: 'gone', or the Failed status. */
async function deleteWithoutRetaining(call: Call, contactId: string): Promise<any> {
  assert.equal((await call('DeleteMessageContact', { ContactId: contactId, RetainContactInMembers: false })).Status, 'Deleting', 'the deletion starts');
  return eventually(`the deletion of ${contactId} to settle`, async () => {
    try {
      const status = (await call('GetMessageContactDeletionStatus', { ContactId: contactId })).ContactDeletionStatus;
      return status.Status === 'Deleting' ? undefined : status;
    } catch (err) {
      if (errorOf(err).code === 'EntityNotExists.Contact') return 'gone';
      throw err;
    }
  });
}

/** The store's jobs of one subject (a contact's deletion, a message's delivery), with their state. */
async function jobsOf(db: Kysely<any>, subject: string): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('state').where('subject', '=', subject).execute();
  return rows.map((r) => r.state as string);
}

/** What GET <link> answers: the verification page's status. */
async function pageStatus(link: string): Promise<number> {
  const res = await fetch(link);
  await res.arrayBuffer();
  return res.status;
}

describe('housekeeping: what is past its retention is removed, nothing recent is touched', () => {
  let server: TestServer;
  let call: Call;
  let rd: ResourceDirectory;
  let db: Kysely<any>;
  before(async () => {
    // One pass at start-up; the tests run the next ones themselves.
    server = await startTestServer({ RDC_JOB_RETENTION: '3600', RDC_OUTBOX_RETENTION: '7200', RDC_HOUSEKEEPING_INTERVAL: '3600' });
    call = server.client('openapi-core-v3');
    rd = await enableDirectory(server);
    db = openTestDatabase(server.dataDir);
  });
  after(async () => {
    await db.destroy();
    await server.stop();
  });

  it('a finished job goes once it is older than RDC_JOB_RETENTION; a recent one and an unfinished one stay', async () => {
    const [old, recent] = [await addContact(call), await addContact(call)];
    assert.equal(await deleteWithoutRetaining(call, old), 'gone', 'a Verifying contact covers nothing: its deletion succeeds');
    assert.equal(await deleteWithoutRetaining(call, recent), 'gone', 'the second deletion succeeds');
    assert.deepEqual(await jobsOf(db, old), ['done'], 'the finished deletion job is kept until housekeeping');
    // The first job ran two hours ago (RDC_JOB_RETENTION is one hour); a job of a kind no node runs waits as long.
    await db.updateTable('jobs').set({ run_at: Date.now() - 2 * HOUR }).where('subject', '=', old).execute();
    const now = Date.now();
    await server.store.jobs.enqueue({ id: 'job-housekeepingwaits01', kind: 'not-run-here', subject: 'waiting', payload: '{}', runAfter: now - 2 * HOUR, createdAt: now - 2 * HOUR });

    const counts = await server.app.services.housekeeping.runOnce();
    assert.equal(counts.jobs, 1, 'one job removed');
    assert.deepEqual(await jobsOf(db, old), [], 'the old finished job is gone');
    assert.deepEqual(await jobsOf(db, recent), ['done'], 'the recent finished job stays');
    assert.deepEqual(await jobsOf(db, 'waiting'), ['ready'], 'an unfinished job stays, however old');

    // An hour later, the second one is past its retention too.
    await server.app.services.housekeeping.runOnce(Date.now() + HOUR + 60_000);
    assert.deepEqual(await jobsOf(db, recent), [], 'the second finished job is gone an hour later');
    assert.deepEqual(await jobsOf(db, 'waiting'), ['ready'], 'the unfinished job still stays');
  });

  it('messages go after RDC_OUTBOX_RETENTION; a link answers "expired" that long after it expires, then "unknown"', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    const [email, sms] = await server.store.outbox.list(id);
    assert.ok(email && sms && email.channel === 'email' && sms.channel === 'sms', 'an email and an SMS were captured');
    const listed = async () => ((await (await fetch(`${server.url}/_rdc/outbox`)).json()) as { Messages: Array<{ Id: string }> }).Messages.map((m) => m.Id);

    // The email was made three hours ago: past the two hours of RDC_OUTBOX_RETENTION. The SMS is recent.
    await db.updateTable('outbox').set({ sent_at: Date.now() - 3 * HOUR }).where('id', '=', email.id).execute();
    await server.app.services.housekeeping.runOnce();
    assert.ok(!(await listed()).includes(email.id), 'the old message is no longer in the outbox');
    assert.ok((await listed()).includes(sms.id), 'the recent message is still listed');
    assert.equal(await pageStatus(email.link), 200, "the old message's link still works until it expires");

    // Its link expired an hour ago: within the retention, it still answers "expired" (410).
    const expire = (at: number) => db.updateTable('verification_tokens').set({ expires_at: at }).where('contact_id', '=', id).where('channel', '=', 'email').execute();
    await expire(Date.now() - HOUR);
    await server.app.services.housekeeping.runOnce();
    assert.equal(await pageStatus(email.link), 410, 'an expired link within the retention answers 410');
    // Three hours ago: past the retention, the token is gone and the link is unknown (404).
    await expire(Date.now() - 3 * HOUR);
    const counts = await server.app.services.housekeeping.runOnce();
    assert.equal(counts.verificationTokens, 1, 'one token removed');
    assert.equal(await pageStatus(email.link), 404, 'a link expired beyond the retention answers 404');
    assert.equal(await pageStatus(sms.link), 200, 'the recent SMS link is untouched');

    // Today's send counters stay (the daily limit counts them); a past day's go.
    const counters = () => db.selectFrom('verification_sends').select('day').execute();
    assert.deepEqual((await counters()).map((r) => r.day).sort(), [new Date().toISOString().slice(0, 10), new Date().toISOString().slice(0, 10)], "today's counters stay");
    await db.updateTable('verification_sends').set({ day: '2020-01-01' }).where('channel', '=', 'sms').execute();
    await server.app.services.housekeeping.runOnce();
    assert.deepEqual((await counters()).length, 1, "a past day's counter is gone");
  });

  it('removes in batches of bounded size, one after another until nothing old is left', async () => {
    const old = Date.now() - 2 * HOUR;
    for (let i = 0; i < 5; i++) {
      await server.store.jobs.enqueue({ id: `job-housekeepingbatch${i}`, kind: 'not-run-here', subject: 'batch', payload: '{}', runAfter: old, createdAt: old });
    }
    await db.updateTable('jobs').set({ state: 'done' }).where('subject', '=', 'batch').execute();
    assert.equal(await server.store.housekeeping.finishedJobs(Date.now() - HOUR, 2), 2, 'one statement removes at most its limit');
    const housekeeping = new Housekeeping(server.store, pino({ level: 'silent' }), { intervalMs: HOUR, jobRetentionMs: HOUR, outboxRetentionMs: 2 * HOUR, auditRetentionMs: 90 * DAY, messageRetentionMs: 30 * DAY, batchSize: 2 });
    assert.equal((await housekeeping.runOnce()).jobs, 3, 'a pass goes on batch after batch: the three left, in two batches');
    assert.deepEqual(await jobsOf(db, 'batch'), [], 'none is left');
  });

  it('passes that run at once (as on several nodes over one database) share the work without failing', async () => {
    const old = Date.now() - 2 * HOUR;
    for (let i = 0; i < 10; i++) {
      await server.store.jobs.enqueue({ id: `job-housekeepingshare${i}`, kind: 'not-run-here', subject: 'shared', payload: '{}', runAfter: old, createdAt: old });
    }
    await db.updateTable('jobs').set({ state: 'done' }).where('subject', '=', 'shared').execute();
    const options = { intervalMs: HOUR, jobRetentionMs: HOUR, outboxRetentionMs: 2 * HOUR, auditRetentionMs: 90 * DAY, messageRetentionMs: 30 * DAY, batchSize: 2 };
    const passes = [1, 2, 3].map(() => new Housekeeping(server.store, pino({ level: 'silent' }), options).runOnce());
    const removed = (await Promise.all(passes)).reduce((sum, counts) => sum + counts.jobs, 0);
    assert.equal(removed, 10, 'each job is removed once, by one of the passes');
    assert.deepEqual(await jobsOf(db, 'shared'), [], 'none is left');
  });

  it('expired nonce batches go; live ones stay', async () => {
    const now = Date.now();
    await db.insertInto('nonce_batches').values({ id: 'housekeeping-expired', expires_at: now - 1000, entries: '[]' }).execute();
    await db.insertInto('nonce_batches').values({ id: 'housekeeping-live', expires_at: now + HOUR, entries: '[]' }).execute();
    await server.app.services.housekeeping.runOnce();
    const ids = (await db.selectFrom('nonce_batches').select('id').where('id', 'like', 'housekeeping-%').execute()).map((r) => r.id);
    assert.deepEqual(ids, ['housekeeping-live'], 'only the expired batch is removed');
  });

  it("a Failed deletion's status stays readable after its job is removed, a month later", async () => {
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const member = await addAccount(server, rd, folder);
    const id = await addActiveContact(server, call, { MessageTypes: ['AccountExpenses'] });
    await call('AssociateMembers', { ContactId: id, Members: [folder] });
    const failed = await deleteWithoutRetaining(call, id);
    const expected = { ContactId: id, Status: 'Failed', FailReasonList: [{ AccountId: member, MessageTypes: ['AccountExpenses'] }] };
    assert.deepEqual(failed, expected, 'the deletion fails: the contact is the only cover of the member');

    await server.app.services.housekeeping.runOnce(Date.now() + 30 * DAY);
    assert.deepEqual(await jobsOf(db, id), [], 'the finished job is gone');
    assert.equal((await server.store.outbox.list(id)).length, 0, 'its verification message is gone');
    assert.deepEqual((await call('GetMessageContactDeletionStatus', { ContactId: id })).ContactDeletionStatus, expected, 'the status still reads Failed with its reasons');
    const contact = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.equal(contact.Status, 'Active', 'the contact stays Active');
    assert.deepEqual(contact.Members, [folder], 'and bound');
  });

  it('a closed account placement goes an hour after it closed once no kept message was published while it was open; open ones stay', async () => {
    const extension = server.extensionClient();
    const folder = await addFolder(server, rd, rd.rootFolderId, 1);
    const [a, b, c] = [await addAccount(server, rd, folder), await addAccount(server, rd, folder), await addAccount(server, rd, folder)];
    const move = (id: string, to: string) => server.store.transaction((tx) => tx.accounts.moveAccount(id, to, Date.now()));
    const placements = async () =>
      (await db.selectFrom('account_placements').select(['account_id', 'until_seq']).where('account_id', 'in', [a, b, c]).execute())
        .map((p) => `${p.account_id === a ? 'a' : p.account_id === b ? 'b' : 'c'} ${p.until_seq === null ? 'open' : 'closed'}`)
        .sort();
    await extension('PublishMessage', { MessageType: 'FaultMessage', Subject: 's', Content: 'c', TargetId: folder });
    await move(a, rd.rootFolderId); // its placement in the folder was open when the message was published
    await move(c, rd.rootFolderId);
    await move(c, folder); // its placement at Root opened and closed after the message
    assert.deepEqual(await placements(), ['a closed', 'a open', 'b open', 'c closed', 'c closed', 'c open']);

    await server.app.services.housekeeping.runOnce();
    assert.deepEqual(await placements(), ['a closed', 'a open', 'b open', 'c closed', 'c closed', 'c open'], 'within the hour every closed one stays');
    const later = await server.app.services.housekeeping.runOnce(Date.now() + 2 * HOUR);
    assert.deepEqual(await placements(), ['a closed', 'a open', 'b open', 'c closed', 'c open'], "c's placement at Root goes; the kept message needs a's and c's in the folder");
    assert.ok(later.placements >= 1);
    await server.app.services.housekeeping.runOnce(Date.now() + 400 * DAY);
    assert.deepEqual(await placements(), ['a open', 'b open', 'c open'], 'once the message is gone, so are they');
  });
});

describe('housekeeping on its own timer, with RDC_OUTBOX=false', () => {
  let server: TestServer;
  let call: Call;
  let db: Kysely<any>;
  before(async () => {
    // Email goes to an SMTP server that does not answer (port 9): it stays queued, retrying. SMS is captured.
    server = await startTestServer({ RDC_OUTBOX: 'false', RDC_SMTP_URL: 'smtp://127.0.0.1:9', RDC_HOUSEKEEPING_INTERVAL: '1', RDC_JOB_RETENTION: '0' });
    call = server.client('pop-core-post');
    await enableDirectory(server);
    db = openTestDatabase(server.dataDir);
  });
  after(async () => {
    await db.destroy();
    await server.stop();
  });

  it('a pass runs every RDC_HOUSEKEEPING_INTERVAL: with RDC_JOB_RETENTION=0 a finished job goes at the next one', async () => {
    const id = await addContact(call);
    assert.equal(await deleteWithoutRetaining(call, id), 'gone', 'the deletion succeeds');
    await eventually('the finished deletion job to be removed', async () => (await jobsOf(db, id)).length === 0);
  });

  it('a captured message keeps no link, code or text; a queued one keeps them until delivered and is never removed', async () => {
    const id = await addContact(call, { PhoneNumber: PHONE });
    await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL });
    await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: PHONE });
    const byChannel = async () => Object.fromEntries((await server.store.outbox.list(id)).map((m) => [m.channel, m]));
    const { email, sms } = await byChannel();
    assert.ok(sms, 'the SMS is captured');
    assert.deepEqual([sms.state, sms.link, sms.code, sms.text, sms.html], ['captured', '', null, '', null], 'nothing secret is kept of a captured message');
    assert.equal(sms.to, PHONE, 'who it went to is kept');
    assert.ok(email, 'the email is queued');
    assert.equal(email.state, 'queued', 'the email waits for its SMTP server');
    assert.match(email.link, /\/verify\//, 'a queued message keeps its link until it is delivered');
    const tokens = await db.selectFrom('verification_tokens').select(['channel', 'code_hash']).where('contact_id', '=', id).execute();
    assert.deepEqual(tokens.map((t) => [t.channel, t.code_hash !== null]).sort(), [['email', false], ['sms', true]], 'the tokens exist, hashed');

    await server.app.services.housekeeping.runOnce(Date.now() + 8 * DAY);
    const left = await byChannel();
    assert.equal(left.sms, undefined, 'the captured message is gone after RDC_OUTBOX_RETENTION (7 days)');
    assert.equal(left.email?.state, 'queued', 'the queued message stays');
    assert.ok((await server.store.jobs.pending('deliver-message', email.id)) !== undefined, 'and so does its delivery job');
  });
});
