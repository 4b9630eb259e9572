/**
 * ResolveMessageRecipients and ListUncoveredAccounts against a naive oracle: fast-check builds random trees
 * (folders, accounts, moves), contacts (types, Active or not, phone verified, pending or none), bindings to
 * the directory, the Root folder, folders and accounts, and deletions that retain the contact in its members;
 * then every account and type is asked through the official client and compared with a straightforward
 * in-test computation (walk up the account's folders, look at every binding).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MESSAGE_TYPES } from '../../../src/domain/contact-rules.js';
import { newId } from '../../../src/ids.js';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { activeContactRecord, contactName } from '../../support/contacts.js';
import type { Call } from '../../support/clients.js';
import type { Store } from '../../../src/store/store.js';

type Member = { kind: 'rd' } | { kind: 'root' } | { kind: 'folder'; index: number } | { kind: 'account'; index: number };

interface Scenario {
  /** Parent of folder i: -1 for Root, else an earlier folder. */
  folders: number[];
  /** Folder of account i: -1 for Root. */
  accounts: number[];
  contacts: Array<{
    types: string[];
    active: boolean;
    phone: 'none' | 'pending' | 'verified';
    bindings: Member[];
    /** Deleted with RetainContactInMembers=true, before the moves. */
    retained: boolean;
  }>;
  /** [account, folder] moves made after the deletions. */
  moves: Array<[number, number]>;
}

const member: fc.Arbitrary<Member> = fc.oneof(
  fc.constant({ kind: 'rd' as const }),
  fc.constant({ kind: 'root' as const }),
  fc.record({ kind: fc.constant('folder' as const), index: fc.nat(7) }),
  fc.record({ kind: fc.constant('account' as const), index: fc.nat(9) }),
);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  folders: fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 7 }).map((ps) => ps.map((p, i) => (p < i ? p : -1))),
  accounts: fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 1, maxLength: 8 }),
  contacts: fc.array(
    fc.record({
      types: fc.subarray([...MESSAGE_TYPES], { minLength: 1 }),
      active: fc.boolean(),
      phone: fc.constantFrom('none' as const, 'pending' as const, 'verified' as const),
      bindings: fc.array(member, { maxLength: 3 }),
      retained: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  moves: fc.array(fc.tuple(fc.nat(9), fc.integer({ min: -1, max: 6 })), { maxLength: 3 }),
});

interface Expected {
  ContactId: string;
  Name: string;
  Title: string;
  EmailAddress: string;
  PhoneNumber: string;
  Via: Array<{ Type: string; Id: string }>;
}

describe('recipients and coverage gaps agree with a naive oracle', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it('ResolveMessageRecipients and ListUncoveredAccounts, every account and type of random directories', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // A fresh tenant per case: its own directory, and nothing of the earlier cases in sight.
        const tenant = server.addTenant();
        await server.client('openapi-core-v3', tenant.creds)('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
        const rd = await server.app.services.directory.require(tenant.accountId);
        const world = await build(server, rd, s);
        await check(server.extensionClient(tenant.creds), world);
        await checkGrouped(server.store, world);
      }),
      { numRuns: 15 },
    );
  });
});

/** The tree and the contacts as the oracle sees them, after building them in the store. */
interface World {
  rd: ResourceDirectory;
  /** Folder ID → parent folder ID (null for Root). */
  parents: Map<string, string | null>;
  folderIds: string[];
  /** Account ID → folder ID, after the moves. */
  accountFolder: Map<string, string>;
  accountIds: string[];
  displayNames: Map<string, string>;
  live: Array<{ row: ReturnType<typeof activeContactRecord>; types: string[]; members: string[] }>;
  /** account → type → retained recipients. */
  retained: Map<string, Map<string, Expected[]>>;
}

async function build(server: TestServer, rd: ResourceDirectory, s: Scenario): Promise<World> {
  const store = server.store;
  const now = Date.now();
  const parents = new Map<string, string | null>([[rd.rootFolderId, null]]);
  const folderIds: string[] = [];
  const depth = new Map<string, number>([[rd.rootFolderId, 0]]);
  for (const p of s.folders) {
    const parent = p < 0 ? rd.rootFolderId : folderIds[p]!;
    const id = newId.folder();
    await store.folders.insertFolder({ id, directoryId: rd.id, parentId: parent, name: id, depth: depth.get(parent)! + 1, createdAt: now });
    parents.set(id, parent);
    depth.set(id, depth.get(parent)! + 1);
    folderIds.push(id);
  }
  const folderAt = (i: number) => (i < 0 || folderIds.length === 0 ? rd.rootFolderId : folderIds[i % folderIds.length]!);
  const accountFolder = new Map<string, string>();
  const displayNames = new Map<string, string>();
  const accountIds: string[] = [];
  for (const f of s.accounts) {
    const id = newId.account();
    const folder = folderAt(f);
    await store.accounts.insertAccount({
      id, directoryId: rd.id, folderId: folder, displayName: 'acct-' + id, accountName: `acct-${id}@example.com`,
      type: 'ResourceAccount', status: 'CreateSuccess', joinMethod: 'created', joinTime: now, modifyTime: now,
    });
    accountFolder.set(id, folder);
    displayNames.set(id, 'acct-' + id);
    accountIds.push(id);
  }

  const world: World = { rd, parents, folderIds, accountFolder, accountIds, displayNames, live: [], retained: new Map() };
  const created: Array<{ row: ReturnType<typeof activeContactRecord>; types: string[]; members: string[]; retained: boolean }> = [];
  for (const c of s.contacts) {
    const row = activeContactRecord(rd.id, contactName());
    row.status = c.active ? 'Active' : 'Verifying';
    row.emailVerified = c.active;
    row.phone = c.phone === 'none' ? null : '86-139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    row.phoneVerified = c.phone === 'verified';
    await store.contacts.insert(row, c.types, []);
    const members = [
      ...new Set(
        c.bindings.map((m) => {
          if (m.kind === 'rd') return rd.id;
          if (m.kind === 'root') return rd.rootFolderId;
          return m.kind === 'folder' ? folderAt(m.index) : accountIds[m.index % accountIds.length]!;
        }),
      ),
    ];
    await store.bindings.bind(
      members.map((id, position) => ({
        contactId: row.id,
        memberId: id,
        directoryId: rd.id,
        folderId: id === rd.id ? rd.rootFolderId : parents.has(id) ? id : null,
        accountId: accountFolder.has(id) ? id : null,
        createdAt: now,
        position,
      })),
    );
    created.push({ row, types: c.types, members, retained: c.retained });
  }

  // Deletions with RetainContactInMembers=true, as DeletionService does them: coverage kept, contact removed.
  for (const c of created) {
    if (!c.retained) {
      world.live.push(c);
      continue;
    }
    await store.transaction(async (tx) => {
      await tx.coverage.retainCoverage(c.row.id, now);
      await tx.contacts.remove(c.row.id);
    });
    if (c.row.status !== 'Active') continue;
    for (const account of accountIds) {
      if (!reaches(world, c.members, account)) continue;
      for (const type of c.types) {
        const byType = world.retained.get(account) ?? new Map<string, Expected[]>();
        world.retained.set(account, byType);
        byType.set(type, [
          ...(byType.get(type) ?? []),
          { ContactId: c.row.id, Name: c.row.name, Title: c.row.title, EmailAddress: c.row.email, PhoneNumber: c.row.phoneVerified ? c.row.phone! : '', Via: [{ Type: 'Retained', Id: account }] },
        ]);
      }
    }
  }

  for (const [a, f] of s.moves) {
    const account = accountIds[a % accountIds.length]!;
    const folder = folderAt(f);
    await store.accounts.moveAccount(account, folder, now);
    accountFolder.set(account, folder);
  }
  return world;
}

/** True when one of the bound members reaches the account in the current tree (walking up its folders). */
function reaches(world: World, members: readonly string[], account: string): boolean {
  return members.some((m) => routeOf(world, m, account) !== undefined);
}

function routeOf(world: World, member: string, account: string): { Type: string; Id: string } | undefined {
  if (member === account) return { Type: 'Account', Id: member };
  if (member === world.rd.id) return { Type: 'ResourceDirectory', Id: member };
  for (let f: string | null = world.accountFolder.get(account)!; f !== null; f = world.parents.get(f) ?? null) {
    if (f === member) return { Type: 'Folder', Id: member };
  }
  return undefined;
}

function expectedRecipients(world: World, account: string, type: string): Expected[] {
  const out: Expected[] = [];
  for (const c of world.live) {
    if (c.row.status !== 'Active' || !c.types.includes(type)) continue;
    const via = c.members.map((m) => routeOf(world, m, account)).filter((v) => v !== undefined);
    if (via.length === 0) continue;
    out.push({ ContactId: c.row.id, Name: c.row.name, Title: c.row.title, EmailAddress: c.row.email, PhoneNumber: c.row.phoneVerified ? c.row.phone! : '', Via: via });
  }
  out.push(...(world.retained.get(account)?.get(type) ?? []));
  return normalise(out);
}

function normalise<T extends Expected>(list: T[]): T[] {
  const key = (v: { Type: string; Id: string }) => `${v.Type} ${v.Id}`;
  return list
    .map((r) => ({ ...r, Via: [...r.Via].sort((a, b) => key(a).localeCompare(key(b))) }))
    .sort((a, b) => a.ContactId.localeCompare(b.ContactId));
}

async function check(call: Call, world: World): Promise<void> {
  const uncoveredCounts: Array<{ MessageType: string; Count: number }> = [];
  for (const type of MESSAGE_TYPES) {
    const uncovered: string[] = [];
    for (const account of world.accountIds) {
      const body = await call('ResolveMessageRecipients', { AccountId: account, MessageType: type });
      assert.equal(body.AccountId, account);
      assert.equal(body.MessageType, type);
      const expected = expectedRecipients(world, account, type);
      assert.deepEqual(normalise(body.Recipients), expected, `recipients of ${account} for ${type}`);
      if (expected.length === 0) uncovered.push(account);
    }
    const all = await call('ListUncoveredAccounts', { MessageType: type, PageSize: 100 });
    assert.equal(all.TotalCount, uncovered.length, `uncovered count for ${type}`);
    assert.deepEqual(
      all.Accounts,
      [...uncovered].sort().map((id) => ({ AccountId: id, DisplayName: world.displayNames.get(id), FolderId: world.accountFolder.get(id) })),
      `uncovered accounts for ${type}`,
    );
    // One folder's subtree: the uncovered accounts whose folder lies below it.
    const folder = world.folderIds[0] ?? world.rd.rootFolderId;
    const below = uncovered.filter((a) => routeOf(world, folder, a) !== undefined).sort();
    const sub = await call('ListUncoveredAccounts', { MessageType: type, FolderId: folder, PageSize: 100 });
    assert.deepEqual(sub.Accounts.map((a: { AccountId: string }) => a.AccountId), below, `uncovered accounts below ${folder} for ${type}`);
    assert.equal(sub.TotalCount, below.length);
    uncoveredCounts.push({ MessageType: type, Count: uncovered.length });
  }
  // GetDirectorySummary counts the same gaps (and the tree) with count queries.
  const summary = await call('GetDirectorySummary', {});
  assert.deepEqual(summary.UncoveredAccountCounts, uncoveredCounts);
  assert.deepEqual([summary.AccountCount, summary.FolderCount], [world.accountIds.length, world.folderIds.length]);
}

/**
 * What PublishMessage fans out to, resolved per binding (never one row per account and route): for the
 * directory and for a folder's subtree, each recipient once with the union of its routes, and (coverage) every
 * account it covers, counted and named by ID, as the oracle's per-account answers merged.
 */
async function checkGrouped(store: Store, world: World): Promise<void> {
  const folder = world.folderIds[0] ?? world.rd.rootFolderId;
  const scopes = [
    { scope: { kind: 'directory' as const }, accounts: world.accountIds },
    { scope: { kind: 'folder' as const, folderId: folder }, accounts: world.accountIds.filter((a) => routeOf(world, folder, a) !== undefined) },
  ];
  for (const type of MESSAGE_TYPES) {
    for (const { scope, accounts } of scopes) {
      const merged = new Map<string, Expected & { AccountIds: string[] }>();
      for (const account of accounts) {
        for (const r of expectedRecipients(world, account, type)) {
          const m = merged.get(r.ContactId) ?? { ...r, Via: [], AccountIds: [] };
          merged.set(r.ContactId, m);
          for (const v of r.Via) if (!m.Via.some((w) => w.Type === v.Type && w.Id === v.Id)) m.Via.push(v);
          m.AccountIds.push(account);
        }
      }
      const expected = normalise([...merged.values()]).map((r) => ({ ...r, AccountIds: r.AccountIds.sort() }));
      const got = [];
      const tally = await store.recipients.tally(world.rd.id, scope);
      for (const r of await store.recipients.recipients(world.rd.id, scope, type)) {
        // Every covered account named, so the whole set is compared; then a bound of 2 names two of them.
        const all = await store.recipients.coverage(tally, r.via, accounts.length + 1);
        const AccountIds = all.accounts.map((a) => a.accountId);
        assert.equal(all.accountCount, AccountIds.length, `the count of ${r.contactId}'s accounts`);
        assert.deepEqual(all.accounts.map((a) => a.displayName), AccountIds.map((id) => world.displayNames.get(id)), 'each named with its display name');
        const two = await store.recipients.coverage(tally, r.via, 2);
        assert.equal(two.accountCount, all.accountCount, `${r.contactId}: how many, whatever the bound`);
        assert.equal(two.accounts.length, Math.min(2, all.accountCount));
        assert.ok(two.accounts.every((a) => all.accounts.some((b) => b.accountId === a.accountId && b.displayName === a.displayName)), `${r.contactId}: two of its own accounts`);
        assert.deepEqual(two.accounts.map((a) => a.accountId), two.accounts.map((a) => a.accountId).sort(), 'in ID order');
        got.push({ ContactId: r.contactId, Name: r.name, Title: r.title, EmailAddress: r.email, PhoneNumber: r.phone, Via: r.via.map((v) => ({ Type: v.type, Id: v.id })), AccountIds });
      }
      assert.deepEqual(normalise(got), expected, `recipients of ${scope.kind} ${'folderId' in scope ? scope.folderId : ''} for ${type}`);
    }
  }
}
