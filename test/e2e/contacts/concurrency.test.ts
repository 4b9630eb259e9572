import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, type Call } from '../../support/clients.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { TITLES, MESSAGE_TYPES } from '../../../src/domain/contact-rules.js';
import { PRESUMED_STOPPED_AFTER_MS } from '../../../src/domain/node-presence.js';
import { WAIT_FOR_OTHER_NODE_MS } from '../../../src/domain/leases.js';
import { addAccount, addContact, contactName, enableDirectory, expectError, EMAIL } from '../../support/contacts.js';

type Outcome = { ok: true; body: any } | { ok: false; code: string; status: number | undefined };

async function attempt(p: Promise<any>): Promise<Outcome> {
  try {
    return { ok: true, body: await p };
  } catch (err) {
    const e = errorOf(err);
    return { ok: false, code: e.code, status: e.status };
  }
}

describe('concurrent mutations of one contact never interleave (openapi-core V3, openapi-client V1, pop-core POST)', () => {
  let server: TestServer;
  let rd: ResourceDirectory;
  let calls: Call[];
  before(async () => {
    server = await startTestServer({ RDC_MAX_MEMBERS_PER_CONTACT: '3', RDC_MAX_CONTACTS_PER_DIRECTORY: '6' });
    rd = await enableDirectory(server);
    calls = [server.client('openapi-core-v3'), server.client('openapi-client-v1'), server.client('pop-core-post')];
  });
  after(() => server.stop());

  it('updates, associates and disassociates at once: each answers success or 429, and the final state is that of some order of the successes', async () => {
    const accounts: string[] = [];
    for (let i = 0; i < 3; i++) accounts.push(await addAccount(server, rd, rd.rootFolderId));
    // At most three bindings at any time, within the quota: every refusal can only be a conflict.
    const prebound = accounts.slice(0, 1);
    const toBind = accounts.slice(1);
    const id = await addContact(calls[0]!);
    await calls[0]!('AssociateMembers', { ContactId: id, Members: prebound });

    const updates = TITLES.flatMap((title, i) => [{ Title: title, MessageTypes: [MESSAGE_TYPES[i]!, MESSAGE_TYPES[(i + 1) % 6]!] }]);
    const requests: Array<{ kind: 'update' | 'associate' | 'disassociate'; arg: any; run: () => Promise<any> }> = [];
    updates.forEach((u, i) => requests.push({ kind: 'update', arg: u, run: () => calls[i % 3]!('UpdateMessageContact', { ContactId: id, ...u }) }));
    prebound.forEach((m, i) => requests.push({ kind: 'disassociate', arg: m, run: () => calls[(i + 1) % 3]!('DisassociateMembers', { ContactId: id, Members: [m] }) }));
    toBind.forEach((m, i) => requests.push({ kind: 'associate', arg: m, run: () => calls[(i + 2) % 3]!('AssociateMembers', { ContactId: id, Members: [m] }) }));

    const outcomes = await Promise.all(requests.map((r) => attempt(r.run())));
    const refusals = outcomes.filter((o) => !o.ok) as Array<Extract<Outcome, { ok: false }>>;
    for (const r of refusals) assert.deepEqual([r.code, r.status], ['ConcurrentCallNotSupported', 429]);
    const succeeded = requests.filter((_, i) => outcomes[i]!.ok);
    assert.ok(succeeded.length > 0);

    const c = (await calls[0]!('GetMessageContact', { ContactId: id })).Contact;
    const successfulUpdates = succeeded.filter((r) => r.kind === 'update').map((r) => r.arg);
    if (successfulUpdates.length === 0) {
      assert.equal(c.Title, 'TechnicalDirector');
    } else {
      // Title and MessageTypes come from one and the same successful update: no torn write.
      assert.ok(
        successfulUpdates.some((u) => u.Title === c.Title && JSON.stringify(u.MessageTypes) === JSON.stringify(c.MessageTypes)),
        `final ${c.Title} ${c.MessageTypes} matches no single successful update`,
      );
    }
    const expected = new Set(prebound);
    for (const r of succeeded) if (r.kind === 'disassociate') expected.delete(r.arg);
    for (const r of succeeded) if (r.kind === 'associate') expected.add(r.arg);
    assert.deepEqual(new Set(c.Members), expected);
    assert.ok(c.Members.length <= 3, 'the binding quota held');
  });

  it('racing associates never exceed the binding quota (a check-then-write that only the lease makes safe)', async () => {
    const id = await addContact(calls[0]!);
    const members: string[] = [];
    for (let i = 0; i < 10; i++) members.push(await addAccount(server, rd, rd.rootFolderId));
    const outcomes = await Promise.all(members.map((m, i) => attempt(calls[i % 3]!('AssociateMembers', { ContactId: id, Members: [m] }))));
    const bound = members.filter((_, i) => outcomes[i]!.ok);
    for (const o of outcomes) if (!o.ok) assert.ok(o.code === 'ConcurrentCallNotSupported' || o.code === 'QuotaExceeded.Members', o.code);
    const c = (await calls[0]!('GetMessageContact', { ContactId: id })).Contact;
    assert.deepEqual(new Set(c.Members), new Set(bound));
    assert.ok(bound.length >= 1 && bound.length <= 3, `${bound.length} bindings`);
  });

  it('racing AddMessageContact calls: no conflict between different names, the contact limit is reached exactly and names stay unique', async () => {
    const existing = (await calls[0]!('ListMessageContacts', {})).TotalCount as number;
    const name = contactName();
    const names = Array.from({ length: 12 }, (_, i) => (i < 4 ? name : contactName()));
    const outcomes = await Promise.all(names.map((n, i) => attempt(calls[i % 3]!('AddMessageContact', { Name: n, EmailAddress: EMAIL, Title: 'CEO', MessageTypes: ['AccountExpenses'] }))));
    for (const [i, o] of outcomes.entries()) {
      if (o.ok) continue;
      // Adds wait for each other briefly instead of failing: only the limit or the name can refuse one.
      if (names[i] === name) assert.ok(['LimitExceeded.Contacts', 'InvalidParameter.Name.AlreadyUsed'].includes(o.code), o.code);
      else assert.equal(o.code, 'LimitExceeded.Contacts', `a fresh name is refused only by the limit, got ${o.code}`);
    }
    const created = outcomes.filter((o) => o.ok).length;
    const list = await calls[0]!('ListMessageContacts', { PageSize: 100 });
    assert.equal(list.TotalCount, existing + created);
    assert.equal(list.TotalCount, Math.min(6, existing + new Set(names).size), 'every Add with a fresh name succeeded while below RDC_MAX_CONTACTS_PER_DIRECTORY, and the limit held');
    assert.ok(list.Contacts.filter((c: { Name: string }) => c.Name === name).length <= 1, 'names stay unique');
    // Room again for the tests below.
    for (const o of outcomes) if (o.ok) await calls[0]!('DeleteMessageContact', { ContactId: o.body.Contact.ContactId });
  });

  it('two deletions of one contact at once: one answers, the other gets 429', async () => {
    const list = await calls[0]!('ListMessageContacts', { PageSize: 100 });
    const id = list.Contacts[0].ContactId as string;
    const outcomes = await Promise.all([0, 1, 2].map((i) => attempt(calls[i]!('DeleteMessageContact', { ContactId: id, RetainContactInMembers: false }))));
    const ok = outcomes.filter((o) => o.ok);
    assert.equal(ok.length, 1, JSON.stringify(outcomes.map((o) => (o.ok ? 'ok' : o.code))));
    for (const o of outcomes) if (!o.ok) assert.ok(o.code === 'ConcurrentCallNotSupported' || o.code === 'EntityNotExists.Contact', o.code);
  });

  /** Claims a contact in the store as a mutation of `node` would, until `until`. */
  const claim = (id: string, owner: string, node: string, until = Date.now() + 60_000) =>
    server.store.contacts.claimLease(rd.id, id, { owner, node, now: Date.now(), until, aliveSince: Date.now() - PRESUMED_STOPPED_AFTER_MS });
  const thisNode = () => server.app.services.presence.id;

  it('a mutation that finds the contact held by another one in flight on the same node answers 429 at once', async () => {
    const call = calls[1]!;
    const id = await addContact(call, { PhoneNumber: '86-13900001234' });
    const account = await addAccount(server, rd, rd.rootFolderId);
    assert.deepEqual(await claim(id, 'in-flight', thisNode()), { state: 'claimed', takenOver: false });
    const started = Date.now();
    await expectError(call('UpdateMessageContact', { ContactId: id, Title: 'CEO' }), 'ConcurrentCallNotSupported');
    await expectError(call('AssociateMembers', { ContactId: id, Members: [account] }), 'ConcurrentCallNotSupported');
    await expectError(call('DisassociateMembers', { ContactId: id, Members: [account] }), 'ConcurrentCallNotSupported');
    await expectError(call('CancelMessageContactUpdate', { ContactId: id, PhoneNumber: '86-13900001234' }), 'ConcurrentCallNotSupported');
    await expectError(call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: EMAIL }), 'ConcurrentCallNotSupported');
    await expectError(call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13900001234' }), 'ConcurrentCallNotSupported');
    await expectError(call('DeleteMessageContact', { ContactId: id }), 'ConcurrentCallNotSupported');
    assert.ok(Date.now() - started < WAIT_FOR_OTHER_NODE_MS, 'refused at once, not after waiting');
    // Reads are not blocked; nothing changed.
    const c = (await call('GetMessageContact', { ContactId: id })).Contact;
    assert.deepEqual([c.Title, c.Members, c.PhoneNumber], ['TechnicalDirector', [], '86-13900001234']);

    // Released, the same calls go through.
    await server.store.contacts.releaseLease(id, 'in-flight');
    await call('UpdateMessageContact', { ContactId: id, Title: 'CEO' });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Title, 'CEO');

    // A lease left behind expires by itself.
    assert.deepEqual(await claim(id, 'left-behind', thisNode(), Date.now() - 1), { state: 'claimed', takenOver: false });
    await call('UpdateMessageContact', { ContactId: id, Title: 'Other' });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Title, 'Other');
  });

  it('a contact held by another live node is waited for: the call goes through once released, and answers 429 only after the wait', async () => {
    const call = calls[0]!;
    const id = await addContact(call);
    const other = 'other-live-node';
    const beat = () => server.store.nodes.beat(other, Date.now());
    await beat();
    const beating = setInterval(() => void beat(), 200);
    try {
      assert.deepEqual(await claim(id, 'other-mutation', other), { state: 'claimed', takenOver: false });
      // Released while the call waits: it goes through.
      setTimeout(() => void server.store.contacts.releaseLease(id, 'other-mutation'), 300);
      await call('UpdateMessageContact', { ContactId: id, Title: 'CEO' });
      assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Title, 'CEO');
      // Held for longer than the wait by a node that keeps beating: 429, after the wait, and nothing changed.
      assert.deepEqual(await claim(id, 'other-mutation', other), { state: 'claimed', takenOver: false });
      const started = Date.now();
      await expectError(call('UpdateMessageContact', { ContactId: id, Title: 'FinanceDirector' }), 'ConcurrentCallNotSupported');
      assert.ok(Date.now() - started >= WAIT_FOR_OTHER_NODE_MS - 50, `answered after ${Date.now() - started} ms`);
      assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Title, 'CEO');
    } finally {
      clearInterval(beating);
      await server.store.contacts.releaseLease(id, 'other-mutation');
    }
  });

  it('a contact held by a node that stopped beating is taken over: at once when it was last seen long ago; when it dies holding it, 503s until it is presumed stopped', async () => {
    const call = calls[2]!;
    const id = await addContact(call);
    // Last seen a minute ago (killed): its lease, though unexpired, does not hold anyone up.
    await server.store.nodes.beat('long-dead-node', Date.now() - 60_000);
    assert.deepEqual(await claim(id, 'orphaned', 'long-dead-node'), { state: 'claimed', takenOver: false });
    await call('UpdateMessageContact', { ContactId: id, Title: 'CEO' });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Title, 'CEO');
    // Alive when it claimed, then killed (no more beats): while it is not yet presumed stopped, calls wait and
    // then answer 503 (try again), never 429; once it is, the next call goes through.
    await server.store.nodes.beat('dying-node', Date.now());
    assert.deepEqual(await claim(id, 'orphaned-too', 'dying-node'), { state: 'claimed', takenOver: false });
    const killedAt = Date.now();
    const outcome = await attempt(call('UpdateMessageContact', { ContactId: id, Title: 'FinanceDirector' }));
    if (!outcome.ok) assert.deepEqual([outcome.code, outcome.status], ['ServiceUnavailable', 503]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + PRESUMED_STOPPED_AFTER_MS - Date.now())));
    await call('UpdateMessageContact', { ContactId: id, Title: 'FinanceDirector' });
    assert.equal((await call('GetMessageContact', { ContactId: id })).Contact.Title, 'FinanceDirector');
  });

  it('AddMessageContact is not held up by a mutation of another contact in flight', async () => {
    const call = calls[2]!;
    const held = await addContact(call);
    assert.deepEqual(await claim(held, 'in-flight', thisNode()), { state: 'claimed', takenOver: false });
    const before = (await call('ListMessageContacts', {})).TotalCount;
    await addContact(call);
    assert.equal((await call('ListMessageContacts', {})).TotalCount, before + 1);
    await expectError(call('UpdateMessageContact', { ContactId: held, Title: 'CEO' }), 'ConcurrentCallNotSupported');
    await server.store.contacts.releaseLease(held, 'in-flight');
  });
});
