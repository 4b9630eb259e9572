/**
 * AddMessageContact's writes (src/domain/contact-additions.ts), on the store of the run: on PostgreSQL
 * (RDC_TEST_STORE=postgres, a fresh database) additions waiting for one directory together are written in
 * one transaction; on SQLite each is a transaction of its own (the group commit shares their commit). Either
 * way each is answered as it would have been alone, in arrival order.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { loadConfig } from '../../../src/config.js';
import { ApiError } from '../../../src/errors/api-error.js';
import { ContactAdditions } from '../../../src/domain/contact-additions.js';
import { openStore } from '../../../src/store/open.js';
import type { NewContactRows, PendingVerification } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';
import { newId } from '../../../src/ids.js';
import { dropTestStore, testStoreEnv } from '../../support/database.js';
import { activeContactRecord } from '../../support/contacts.js';

type Outcome = 'added' | string;

/** A new contact as AddMessageContact makes one: Verifying, with its email (and phone) pending. */
function addition(directoryId: string, name: string, phone?: string): NewContactRows {
  const contact = { ...activeContactRecord(directoryId, name), emailVerified: false, status: 'Verifying' as const, phone: phone ?? null };
  const pending: PendingVerification[] = [{ contactId: contact.id, channel: 'email', target: contact.email, createdAt: contact.createdAt }];
  if (phone) pending.push({ contactId: contact.id, channel: 'sms', target: phone, createdAt: contact.createdAt });
  return { contact, messageTypes: ['AccountExpenses', 'ServiceMessage'], pending };
}

async function outcome(p: Promise<void>): Promise<Outcome> {
  try {
    await p;
    return 'added';
  } catch (err) {
    return err instanceof ApiError ? err.code : `other: ${(err as Error).message}`;
  }
}

describe('AddMessageContact writes, batched per directory, answered as one by one', () => {
  let dir: string;
  let store: Store;
  /** The store's transactions begun since the last reset. */
  let transactions = 0;
  /** The store, its transactions counted. */
  let counted: Store;
  /** Whether the store writes a directory's waiting additions in one transaction (PostgreSQL). */
  let batches: boolean;
  /** The transactions `n` additions waiting together take. */
  const transactionsFor = (n: number) => (batches ? 1 : n);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdc-additions-'));
    store = await openStore(loadConfig({ RDC_DATA_DIR: dir, RDC_LOG_LEVEL: 'silent', ...(await testStoreEnv(dir)) }));
    counted = Object.create(store, {
      transaction: { value: <T>(work: Parameters<Store['transaction']>[0]) => (transactions++, store.transaction(work)) as Promise<T> },
    }) as Store;
    batches = store.traits.arrayParameters;
  });
  after(async () => {
    await store.close();
    await dropTestStore(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  async function newDirectory(): Promise<string> {
    const id = `rd-${newId.contact().slice(-10)}`;
    await store.directories.createDirectory({ id, accountId: String(1_000_000_000_000_000 + Math.floor(Math.random() * 1e12)), rootFolderId: `r-${id.slice(3)}`, masterAccountName: 'master', createdAt: Date.now() }, 'Root');
    return id;
  }

  const countOf = (directoryId: string) => store.transaction(async (tx) => (await tx.directories.lockDirectory(directoryId)).contactCount);

  it('additions of one turn are one transaction (PostgreSQL); a used name, in the directory or earlier in the turn, refuses only its own', async () => {
    const directoryId = await newDirectory();
    const additions = new ContactAdditions(counted, 100);
    await additions.add(addition(directoryId, 'taken'));
    transactions = 0;
    const batch = ['alice', 'bob', 'carol', 'alice', 'taken', 'dave', 'bob', 'erin'].map((name, i) => addition(directoryId, name, i % 2 ? '86-13900001111' : undefined));
    const outcomes = await Promise.all(batch.map((a) => outcome(additions.add(a))));
    assert.deepEqual(outcomes, ['added', 'added', 'added', 'InvalidParameter.Name.AlreadyUsed', 'InvalidParameter.Name.AlreadyUsed', 'added', 'InvalidParameter.Name.AlreadyUsed', 'added']);
    assert.equal(transactions, transactionsFor(8), 'on PostgreSQL the eight additions were written in one transaction');
    assert.equal(await countOf(directoryId), 6);
    // What was written is what one by one writes: the contact, its message types in order, its pending verifications.
    for (const [i, a] of batch.entries()) {
      const stored = await store.contacts.find(directoryId, a.contact.id);
      if (outcomes[i] !== 'added') {
        assert.equal(stored, undefined, `refused ${a.contact.name} left nothing`);
        assert.deepEqual(await store.contacts.pendingOf(a.contact.id), []);
        continue;
      }
      assert.deepEqual(stored, a.contact);
      assert.deepEqual((await store.contacts.messageTypesOf([a.contact.id])).get(a.contact.id), ['AccountExpenses', 'ServiceMessage']);
      assert.deepEqual(await store.contacts.pendingOf(a.contact.id), [...a.pending].sort((x, y) => x.channel.localeCompare(y.channel)));
    }
  });

  it('what arrives while a batch is written goes in the next one (PostgreSQL)', async () => {
    const directoryId = await newDirectory();
    const additions = new ContactAdditions(counted, 100);
    transactions = 0;
    const first = ['f1', 'f2', 'f3'].map((name) => outcome(additions.add(addition(directoryId, name))));
    await nextTurn(); // the first batch has been taken
    const second = ['s1', 's2', 's3', 's4', 's5'].map((name) => outcome(additions.add(addition(directoryId, name))));
    assert.deepEqual(await Promise.all([...first, ...second]), Array(8).fill('added'));
    assert.equal(transactions, transactionsFor(3) + transactionsFor(5));
    assert.equal(await countOf(directoryId), 8);
  });

  it('a batch that would pass the contact limit is written one by one: the first that fit are added, the rest refused', async () => {
    const directoryId = await newDirectory();
    const additions = new ContactAdditions(counted, 4);
    await additions.add(addition(directoryId, 'first'));
    const outcomes = await Promise.all(['p', 'q', 'p', 'r', 's', 't'].map((name) => outcome(additions.add(addition(directoryId, `name${name}`)))));
    // One by one: p, q and r fit (4 with first); the second p's name is used (AlreadyUsed comes before the limit).
    assert.deepEqual(outcomes, ['added', 'added', 'InvalidParameter.Name.AlreadyUsed', 'added', 'LimitExceeded.Contacts', 'LimitExceeded.Contacts']);
    assert.equal(await countOf(directoryId), 4);
  });

  it('a value the database refuses fails its own addition only', async () => {
    const directoryId = await newDirectory();
    const additions = new ContactAdditions(counted, 100);
    const bad = addition(directoryId, 'broken');
    (bad.contact as { email: unknown }).email = null; // contacts.email is NOT NULL
    const outcomes = await Promise.all([addition(directoryId, 'good1'), bad, addition(directoryId, 'good2')].map((a) => outcome(additions.add(a))));
    assert.equal(outcomes[0], 'added');
    assert.match(outcomes[1]!, /^other: .*null/i);
    assert.equal(outcomes[2], 'added');
    assert.equal(await countOf(directoryId), 2);
    assert.equal(await store.contacts.nameUsed(directoryId, 'broken'), false);
  });

  it('additions to a directory that is gone are all refused, and nothing of them is left', async () => {
    const gone = 'rd-gone000001';
    const additions = new ContactAdditions(counted, 100);
    const outcomes = await Promise.all(['x', 'y', 'z'].map((name) => outcome(additions.add(addition(gone, `gone${name}`)))));
    assert.deepEqual(outcomes, Array(3).fill('EntityNotExists.ResourceDirectory'));
    for (const name of ['gonex', 'goney', 'gonez']) assert.equal(await store.contacts.nameUsed(gone, name), false);
  });

  it('additions to different directories in one turn are written for each directory apart', async () => {
    const [one, two] = [await newDirectory(), await newDirectory()];
    const additions = new ContactAdditions(counted, 100);
    transactions = 0;
    const outcomes = await Promise.all([one, two, one, two].map((d, i) => outcome(additions.add(addition(d, `both${i}`)))));
    assert.deepEqual(outcomes, Array(4).fill('added'));
    assert.equal(transactions, transactionsFor(2) + transactionsFor(2));
    assert.equal(await countOf(one), 2);
    assert.equal(await countOf(two), 2);
  });
});
