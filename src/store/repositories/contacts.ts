import { sql, type Compilable, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { ContactTable, ContactVerificationTable, Database } from '../schema.js';
import type { StoreTraits } from '../traits.js';
import type { Binding, Channel, ContactChanges, ContactRecord, ContactWithDetails, DeletionFailure, NewContactRows, PendingVerification } from '../records.js';
import { columnsOf, unnestInsertSql } from './array-rows.js';
import { compiledInsert, compiledOnce, keepUntilWriteTo, markPointRead, runCompiled, type TableName } from './compiled.js';

// The reads of every contact mutation (and, outside a transaction, of GetMessageContactDeletionStatus), compiled once.
const findContact = compiledOnce((db, contactId: string, directoryId: string) => db.selectFrom('contacts').selectAll().where('id', '=', contactId).where('directory_id', '=', directoryId), {
  keptUntilWriteTo: ['contacts'],
  pointRead: true,
});
const messageTypesOfOne = compiledOnce((db, contactId: string) =>
  db.selectFrom('contact_message_types').select('message_type').where('contact_id', '=', contactId).orderBy('position'),
);

// The statements of every AddMessageContact, compiled once.
const CONTACT_COLUMNS = ['id', 'directory_id', 'name', 'email', 'email_verified', 'phone', 'phone_verified', 'title', 'status', 'deletion_status', 'deletion_failures', 'lease_owner', 'lease_node', 'lease_until', 'created_at'] as const;
/** Takes the values of CONTACT_COLUMNS, in that order. */
const insertContactRow = compiledOnce((db, ...values: unknown[]) =>
  db.insertInto('contacts').values(Object.fromEntries(CONTACT_COLUMNS.map((column, i) => [column, values[i]])) as Insertable<ContactTable>),
);
/** Counts `added` contacts more in the directory, under its row lock; answers its count after, or no row for a directory that is gone. */
const countContactsIn = compiledOnce((db, directoryId: string, added: number) =>
  db
    .updateTable('directories')
    .set((eb) => ({ contact_count: eb('contact_count', '+', added) }))
    .where('id', '=', directoryId)
    .returning('contact_count'),
);

const insertMessageTypes = compiledInsert('contact_message_types', ['contact_id', 'message_type', 'position']);
const insertPending = compiledInsert('contact_verifications', ['contact_id', 'channel', 'target', 'created_at']);

// The same as rows of arrays, a statement for any number of contacts, each unless its name is used (insertMany).
const CONTACT_ARRAY_TYPES: Record<(typeof CONTACT_COLUMNS)[number], string> = {
  id: 'text[]', directory_id: 'text[]', name: 'text[]', email: 'text[]', email_verified: 'int4[]', phone: 'text[]', phone_verified: 'int4[]', title: 'text[]',
  status: 'text[]', deletion_status: 'text[]', deletion_failures: 'text[]', lease_owner: 'text[]', lease_node: 'text[]', lease_until: 'int8[]', created_at: 'int8[]',
};
const INSERT_CONTACTS_UNLESS_NAMED = unnestInsertSql(
  'contacts',
  CONTACT_COLUMNS.map((column) => [column, CONTACT_ARRAY_TYPES[column]] as const),
  'on conflict (directory_id, name) do nothing returning id',
);
const INSERT_MESSAGE_TYPES_ROWS = unnestInsertSql('contact_message_types', [['contact_id', 'text[]'], ['message_type', 'text[]'], ['position', 'int4[]']]);
const INSERT_PENDING_ROWS = unnestInsertSql('contact_verifications', [['contact_id', 'text[]'], ['channel', 'text[]'], ['target', 'text[]'], ['created_at', 'int8[]']]);

/**
 * The columns that carry a contact's message types and its bindings as JSON arrays, so that a contact (or a
 * page of them) is read with both in one statement instead of three. A message type is [message_type,
 * position], a binding [member_id, directory_id, folder_id, account_id, created_at, position]; they are put in
 * the order the separate reads had (message types by position, bindings by created_at, then position) by
 * toDetailed: an aggregate's own ORDER BY costs SQLite a temporary b-tree per array, opened and freed on every
 * read (about a quarter of GetMessageContact's statement), to sort a handful of rows.
 */
interface DetailColumns {
  messageTypes: string;
  bindings: string;
}

function detailColumns(aggregate: StoreTraits['jsonArrayAggregate']): DetailColumns {
  const [array, empty] = aggregate === 'json_agg' ? ['json_build_array', `'[]'::json`] : ['json_array', `'[]'`];
  // json_group_array answers [] for no rows; json_agg answers null.
  return {
    messageTypes: `coalesce((select ${aggregate}(${array}(t.message_type, t.position)) from contact_message_types t where t.contact_id = contacts.id), ${empty})`,
    bindings:
      `coalesce((select ${aggregate}(${array}(b.member_id, b.directory_id, b.folder_id, b.account_id, b.created_at, b.position)) ` +
      `from contact_bindings b where b.contact_id = contacts.id), ${empty})`,
  };
}

/** The contacts a list shows, before paging. */
function listed(db: Kysely<Database>, filter: ContactListFilter) {
  let base = db.selectFrom('contacts');
  if (filter.memberId === undefined) {
    base = base.where('contacts.directory_id', '=', filter.directoryId);
  } else {
    // Driven by the member's bindings (their member_id index), not by the directory's contacts: `|| ''`
    // keeps SQLite's planner off the directory index, which made this a scan of every contact of the
    // directory (4 ms at 25,000 contacts, against 10 µs).
    base = base
      .where(sql<string>`contacts.directory_id || ''`, '=', filter.directoryId)
      .where('contacts.id', 'in', db.selectFrom('contact_bindings').select('contact_id').where('member_id', '=', filter.memberId));
  }
  if (filter.contactId !== undefined) base = base.where('contacts.id', '=', filter.contactId);
  if (filter.hidden !== undefined && filter.hidden.length > 0) base = base.where('contacts.id', 'not in', [...filter.hidden]);
  return base;
}

function countQuery(db: Kysely<Database>, filter: ContactListFilter) {
  return listed(db, filter).select((eb) => eb.fn.countAll().as('n'));
}

/**
 * One page of the list, each contact with its details. The page is chosen first (inner query), and only
 * its rows get the detail subqueries: a list that must be sorted (by Member) would otherwise compute them
 * for every matching contact before the sort.
 */
function pageQuery(db: Kysely<Database>, filter: ContactListFilter, details: DetailColumns, offset: number, limit: number) {
  const page = listed(db, filter).selectAll('contacts').orderBy('contacts.created_at').orderBy('contacts.id').offset(offset).limit(limit);
  return db
    .selectFrom(page.as('contacts'))
    .selectAll('contacts')
    .select([sql.raw<unknown>(details.messageTypes).as('message_types_json'), sql.raw<unknown>(details.bindings).as('bindings_json')])
    .orderBy('contacts.created_at')
    .orderBy('contacts.id') as unknown as Compilable<DetailedRow>;
}

/** What a contact read with its details reads: a store that sees every write may keep its rows until one of these is written. */
const DETAILED: { keptUntilWriteTo: TableName[] } = { keptUntilWriteTo: ['contacts', 'contact_message_types', 'contact_bindings'] };

/** The list queries of the forms without a ContactId or hidden contacts, compiled once per database kind. */
function compiledLists(aggregate: StoreTraits['jsonArrayAggregate']) {
  const details = detailColumns(aggregate);
  return {
    // The directory's own count (kept by every insert and delete of a contact), not a count(*) of its
    // contacts: that grew with the directory (33 ms at 50,000 contacts on PostgreSQL, per list call).
    countOfDirectory: compiledOnce((db, directoryId: string) => db.selectFrom('directories').select('contact_count as n').where('id', '=', directoryId), { keptUntilWriteTo: ['directories'] }),
    countOfMember: compiledOnce((db, directoryId: string, memberId: string) => countQuery(db, { directoryId, memberId }), DETAILED),
    pageOfDirectory: compiledOnce((db, directoryId: string, offset: number, limit: number) => pageQuery(db, { directoryId }, details, offset, limit), DETAILED),
    pageOfMember: compiledOnce((db, directoryId: string, memberId: string, offset: number, limit: number) => pageQuery(db, { directoryId, memberId }, details, offset, limit), DETAILED),
  };
}
const COMPILED_LISTS = { json_group_array: compiledLists('json_group_array'), json_agg: compiledLists('json_agg') };

/** A row of contacts with the detail columns: SQLite gives the arrays as JSON text, pg parses json values itself. */
type DetailedRow = ContactTable & { message_types_json: unknown; bindings_json: unknown };

type BindingTuple = [string, string, string | null, string | null, number, number];

/** A lease to claim: its owner (one mutation), the owner's node, and the times that decide whether a lease already there is free. */
export interface LeaseRequest {
  owner: string;
  node: string;
  now: number;
  until: number;
  /** A node last seen before this is taken for stopped: its leases are free. */
  aliveSince: number;
}

/**
 * Claimed (`takenOver`: from a mutation whose lease had expired or whose node stopped beating); held by a
 * mutation of `node` (null: a lease from before nodes were recorded), last seen alive at `nodeSeenAt`
 * (null: unknown); or no such contact.
 */
export type LeaseClaim = { state: 'claimed'; takenOver: boolean } | { state: 'held'; node: string | null; nodeSeenAt: number | null } | { state: 'missing' };

export interface ContactListFilter {
  directoryId: string;
  contactId?: string;
  /** Only contacts bound directly to this member ID. */
  memberId?: string;
  /** Contacts left out (the caller may not read them). */
  hidden?: readonly string[];
}

/** Contacts, their message types and their pending verification records. */
export class ContactRepository {
  /** GetMessageContact's one statement: the contact of the directory with its details (SQL text per database). */
  private readonly findWithDetailsSql: string;
  private readonly details: DetailColumns;
  private readonly aggregate: StoreTraits['jsonArrayAggregate'];
  private readonly arrayParameters: boolean;

  constructor(
    private readonly db: Kysely<Database>,
    traits: StoreTraits,
  ) {
    this.aggregate = traits.jsonArrayAggregate;
    this.arrayParameters = traits.arrayParameters;
    this.details = detailColumns(traits.jsonArrayAggregate);
    const [first, second] = traits.jsonArrayAggregate === 'json_agg' ? ['$1', '$2'] : ['?', '?'];
    this.findWithDetailsSql =
      `select contacts.*, ${this.details.messageTypes} as message_types_json, ${this.details.bindings} as bindings_json ` +
      `from contacts where contacts.id = ${first} and contacts.directory_id = ${second}`;
    keepUntilWriteTo(this.findWithDetailsSql, DETAILED.keptUntilWriteTo);
    markPointRead(this.findWithDetailsSql);
  }

  /** The contact of the directory with its message types and bindings, in one statement. */
  async findWithDetails(directoryId: string, contactId: string): Promise<ContactWithDetails | undefined> {
    const [row] = await runCompiled<DetailedRow>(this.db, this.findWithDetailsSql, [contactId, directoryId]);
    return row && detailedOf(row);
  }

  async find(directoryId: string, contactId: string): Promise<ContactRecord | undefined> {
    const [row] = await findContact(this.db, contactId, directoryId);
    return row && toContact(row);
  }

  async findById(contactId: string): Promise<ContactRecord | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
    return row && toContact(row);
  }

  /** True when another contact of the directory has this name (case-sensitive). */
  async nameUsed(directoryId: string, name: string, exceptContactId?: string): Promise<boolean> {
    let q = this.db.selectFrom('contacts').select('id').where('directory_id', '=', directoryId).where('name', '=', name);
    if (exceptContactId !== undefined) q = q.where('id', '<>', exceptContactId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /**
   * Inserts a contact (unleased), its message types and its pending verifications, then counts it in its
   * directory (directories.contact_count, which DirectoryRepository.lockDirectory answers) and answers the
   * directory's count with it, or undefined when the directory is gone. The count comes last: it locks the
   * directory's row until the commit, so Adds to one directory queue on that lock for the commit only, not
   * for every insert's round trip (taken first, a queue of Adds held every pooled PostgreSQL connection).
   */
  async insert(contact: ContactRecord, messageTypes: readonly string[], pending: readonly PendingVerification[]): Promise<number | undefined> {
    await insertContactRow(this.db, ...contactRow(contact));
    // A new contact has no message types to replace.
    if (messageTypes.length > 0) await insertMessageTypes(this.db, messageTypeValues(contact.id, messageTypes));
    if (pending.length > 0) await insertPending(this.db, pending.map(pendingValues));
    const [counted] = await countContactsIn(this.db, contact.directoryId, 1);
    return counted === undefined ? undefined : Number(counted.contact_count);
  }

  /**
   * Inserts contacts of one directory as `insert` does, each unless its name is used (in the directory, or
   * by one before it here: then it is left out, with its message types and verifications), and counts those
   * inserted in the directory last, under its row lock. Answers the ids inserted and the directory's count
   * after, or undefined when the directory is gone. Only where parameters may be arrays (traits): each
   * table's rows are one statement whatever their number (array-rows.ts).
   */
  async insertMany(directoryId: string, additions: readonly NewContactRows[]): Promise<{ inserted: Set<string>; contactCount: number | undefined }> {
    if (!this.arrayParameters) throw new Error('insertMany needs a store whose parameters may be arrays');
    const rows = await runCompiled<{ id: string }>(this.db, INSERT_CONTACTS_UNLESS_NAMED, columnsOf(additions.map((a) => contactRow(a.contact)), CONTACT_COLUMNS.length));
    const inserted = new Set(rows.map((row) => row.id));
    const added = additions.filter((a) => inserted.has(a.contact.id));
    const typeRows = added.flatMap((a) => messageTypeValues(a.contact.id, a.messageTypes));
    if (typeRows.length > 0) await runCompiled(this.db, INSERT_MESSAGE_TYPES_ROWS, columnsOf(typeRows, 3));
    const pendingRows = added.flatMap((a) => a.pending.map(pendingValues));
    if (pendingRows.length > 0) await runCompiled(this.db, INSERT_PENDING_ROWS, columnsOf(pendingRows, 4));
    const [counted] = await countContactsIn(this.db, directoryId, inserted.size);
    return { inserted, contactCount: counted === undefined ? undefined : Number(counted.contact_count) };
  }

  async update(contactId: string, changes: ContactChanges): Promise<void> {
    const set: Partial<ContactTable> = {};
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.email !== undefined) set.email = changes.email;
    if (changes.emailVerified !== undefined) set.email_verified = changes.emailVerified ? 1 : 0;
    if (changes.phone !== undefined) set.phone = changes.phone;
    if (changes.phoneVerified !== undefined) set.phone_verified = changes.phoneVerified ? 1 : 0;
    if (changes.status !== undefined) set.status = changes.status;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('contacts').set(set).where('id', '=', contactId).execute();
  }

  async replaceMessageTypes(contactId: string, messageTypes: readonly string[]): Promise<void> {
    await this.db.deleteFrom('contact_message_types').where('contact_id', '=', contactId).execute();
    if (messageTypes.length > 0) await this.db.insertInto('contact_message_types').values(messageTypeRows(contactId, messageTypes)).execute();
  }

  /** Message types of each contact, in the order given. */
  async messageTypesOf(contactIds: readonly string[]): Promise<Map<string, string[]>> {
    if (contactIds.length === 1) {
      const rows = await messageTypesOfOne(this.db, contactIds[0]!);
      return new Map([[contactIds[0]!, rows.map((r) => r.message_type)]]);
    }
    const out = new Map<string, string[]>(contactIds.map((id) => [id, []]));
    if (contactIds.length === 0) return out;
    const rows = await this.db.selectFrom('contact_message_types').selectAll().where('contact_id', 'in', [...contactIds]).orderBy('contact_id').orderBy('position').execute();
    for (const row of rows) out.get(row.contact_id)!.push(row.message_type);
    return out;
  }

  // Pending verification records.

  async pendingOf(contactId: string): Promise<PendingVerification[]> {
    const rows = await this.db.selectFrom('contact_verifications').selectAll().where('contact_id', '=', contactId).orderBy('channel').execute();
    return rows.map(toPending);
  }

  /** Creates or replaces the pending record of a channel. */
  async setPending(record: PendingVerification): Promise<void> {
    await this.db
      .insertInto('contact_verifications')
      .values(pendingRow(record))
      .onConflict((oc) => oc.columns(['contact_id', 'channel']).doUpdateSet({ target: record.target, created_at: record.createdAt }))
      .execute();
  }

  /** Drops the pending record of a channel when its target is `target`; false when there was none. */
  async dropPending(contactId: string, channel: Channel, target: string): Promise<boolean> {
    const r = await this.db.deleteFrom('contact_verifications').where('contact_id', '=', contactId).where('channel', '=', channel).where('target', '=', target).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** The pending records of a directory (or of one contact), leaving out those of `hidden` contacts. */
  async listPending(directoryId: string, contactId: string | undefined, hidden: readonly string[], offset: number, limit: number): Promise<{ total: number; rows: PendingVerification[] }> {
    let base = this.db.selectFrom('contact_verifications as v').innerJoin('contacts as c', 'c.id', 'v.contact_id').where('c.directory_id', '=', directoryId);
    if (contactId !== undefined) base = base.where('v.contact_id', '=', contactId);
    if (hidden.length > 0) base = base.where('v.contact_id', 'not in', [...hidden]);
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('v')
      .orderBy('v.created_at')
      .orderBy('v.contact_id')
      .orderBy('v.channel')
      .offset(offset)
      .limit(limit)
      .execute();
    return { total: Number(total.n), rows: rows.map(toPending) };
  }

  // Listing.

  /** How many contacts of a directory have each status (statuses without a contact left out). */
  async countByStatus(directoryId: string): Promise<Array<{ status: string; count: number }>> {
    const rows = await this.db.selectFrom('contacts').select(['status', (eb) => eb.fn.countAll().as('n')]).where('directory_id', '=', directoryId).groupBy('status').orderBy('status').execute();
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  /** The IDs of every contact of a directory. */
  async idsIn(directoryId: string): Promise<string[]> {
    return (await this.db.selectFrom('contacts').select('id').where('directory_id', '=', directoryId).execute()).map((r) => r.id);
  }

  /** A page of contacts, each with its message types and bindings (read by the page's statement itself). */
  async list(filter: ContactListFilter, offset: number, limit: number): Promise<{ total: number; rows: ContactWithDetails[] }> {
    let total: Array<{ n: unknown }>;
    let rows: DetailedRow[];
    if (filter.contactId === undefined && (filter.hidden === undefined || filter.hidden.length === 0)) {
      // The forms every plain list and every list by Member take: compiled once.
      const compiled = COMPILED_LISTS[this.aggregate];
      if (filter.memberId === undefined) {
        total = await compiled.countOfDirectory(this.db, filter.directoryId);
        rows = await compiled.pageOfDirectory(this.db, filter.directoryId, offset, limit);
      } else {
        total = await compiled.countOfMember(this.db, filter.directoryId, filter.memberId);
        rows = await compiled.pageOfMember(this.db, filter.directoryId, filter.memberId, offset, limit);
      }
    } else {
      total = await countQuery(this.db, filter).execute();
      rows = (await this.db.executeQuery(pageQuery(this.db, filter, this.details, offset, limit).compile())).rows;
    }
    return { total: Number(total[0]?.n ?? 0), rows: rows.map(detailedOf) };
  }

  // Leases: a mutation holds its contact by a conditional update, so two mutations never interleave, on one
  // node or many. A lease is free once it expires, or at once when the node holding it stopped beating.

  async claimLease(directoryId: string, contactId: string, lease: LeaseRequest): Promise<LeaseClaim> {
    const { owner, node, now, until, aliveSince } = lease;
    const claim = async (free: (eb: ExpressionBuilder<Database, 'contacts'>) => Expression<SqlBool>) => {
      const r = await this.db
        .updateTable('contacts')
        .set({ lease_owner: owner, lease_node: node, lease_until: until })
        .where('id', '=', contactId)
        .where('directory_id', '=', directoryId)
        .where(free)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    };
    // A free contact in one statement; only when it is not free, a second one for a lease left behind (the metrics count those).
    if (await claim((eb) => eb('lease_until', 'is', null))) return { state: 'claimed', takenOver: false };
    const leftBehind = await claim((eb) =>
      eb.or([
        eb('lease_until', '<', now),
        eb.and([eb('lease_node', 'is not', null), eb('lease_node', 'not in', eb.selectFrom('nodes').select('id').where('seen_at', '>=', aliveSince))]),
      ]),
    );
    if (leftBehind) return { state: 'claimed', takenOver: true };
    const held = await this.db
      .selectFrom('contacts')
      .leftJoin('nodes', 'nodes.id', 'contacts.lease_node')
      .select(['contacts.lease_node', 'nodes.seen_at'])
      .where('contacts.id', '=', contactId)
      .where('contacts.directory_id', '=', directoryId)
      .executeTakeFirst();
    if (!held) return { state: 'missing' };
    return { state: 'held', node: held.lease_node, nodeSeenAt: held.seen_at === null ? null : Number(held.seen_at) };
  }

  async releaseLease(contactId: string, owner: string): Promise<void> {
    await this.db.updateTable('contacts').set({ lease_owner: null, lease_node: null, lease_until: null }).where('id', '=', contactId).where('lease_owner', '=', owner).execute();
  }

  // Deletion.

  async setDeletionStatus(contactId: string, status: ContactRecord['deletionStatus'], failures: readonly DeletionFailure[] = []): Promise<void> {
    await this.db.updateTable('contacts').set({ deletion_status: status, deletion_failures: failuresColumn(failures) }).where('id', '=', contactId).execute();
  }

  /** Removes a contact and everything that is its own (message types, bindings, pending records, tokens), and uncounts it. */
  async remove(contactId: string): Promise<void> {
    await this.db
      .updateTable('directories')
      .set((eb) => ({ contact_count: eb('contact_count', '-', 1) }))
      .where('id', '=', (eb) => eb.selectFrom('contacts').select('directory_id').where('id', '=', contactId))
      .execute();
    await this.db.deleteFrom('contact_message_types').where('contact_id', '=', contactId).execute();
    await this.db.deleteFrom('contact_bindings').where('contact_id', '=', contactId).execute();
    await this.db.deleteFrom('contact_verifications').where('contact_id', '=', contactId).execute();
    await this.db.deleteFrom('verification_tokens').where('contact_id', '=', contactId).execute();
    await this.db.deleteFrom('contacts').where('id', '=', contactId).execute();
  }

  /** Removes every contact of a directory and what belongs to them (the directory is being destroyed). */
  async removeDirectory(directoryId: string): Promise<void> {
    const ids = this.db.selectFrom('contacts').select('id').where('directory_id', '=', directoryId);
    await this.db.deleteFrom('contact_message_types').where('contact_id', 'in', ids).execute();
    await this.db.deleteFrom('contact_verifications').where('contact_id', 'in', ids).execute();
    await this.db.deleteFrom('verification_tokens').where('contact_id', 'in', ids).execute();
    await this.db.deleteFrom('contact_bindings').where('directory_id', '=', directoryId).execute();
    await this.db.deleteFrom('retained_contacts').where('directory_id', '=', directoryId).execute();
    await this.db.deleteFrom('contacts').where('directory_id', '=', directoryId).execute();
    await this.db.updateTable('directories').set({ contact_count: 0 }).where('id', '=', directoryId).execute();
  }
}

function toContact(row: ContactTable): ContactRecord {
  return {
    id: row.id,
    directoryId: row.directory_id,
    name: row.name,
    email: row.email,
    emailVerified: Number(row.email_verified) === 1,
    phone: row.phone,
    phoneVerified: Number(row.phone_verified) === 1,
    title: row.title,
    status: row.status,
    deletionStatus: row.deletion_status,
    deletionFailures: JSON.parse(row.deletion_failures ?? '[]') as DeletionFailure[],
    createdAt: Number(row.created_at),
  };
}

/**
 * Contacts made from rows the store keeps in memory (frozen: sqlite/read-memo.ts), made once per kept row
 * rather than on every read (their JSON parsed and sorted: ~7 µs of a GetMessageContact under load), and
 * frozen like the rows: every reader of the row shares them. Forgotten with the row.
 */
const detailedOfKept = new WeakMap<DetailedRow, ContactWithDetails>();

function detailedOf(row: DetailedRow): ContactWithDetails {
  if (!Object.isFrozen(row)) return toDetailed(row);
  let detailed = detailedOfKept.get(row);
  if (!detailed) {
    const { contact, messageTypes, bindings } = toDetailed(row);
    for (const binding of bindings) Object.freeze(binding);
    detailed = Object.freeze({ contact: Object.freeze(contact), messageTypes: Object.freeze(messageTypes) as string[], bindings: Object.freeze(bindings) as Binding[] });
    detailedOfKept.set(row, detailed);
  }
  return detailed;
}

function toDetailed(row: DetailedRow): ContactWithDetails {
  const bindings = fromJson<BindingTuple[]>(row.bindings_json)
    .map(([memberId, directoryId, folderId, accountId, createdAt, position]): Binding => ({ contactId: row.id, memberId, directoryId, folderId, accountId, createdAt: Number(createdAt), position: Number(position) }))
    .sort((a, b) => a.createdAt - b.createdAt || a.position - b.position);
  const messageTypes = fromJson<Array<[string, number]>>(row.message_types_json)
    .sort((a, b) => a[1] - b[1])
    .map(([messageType]) => messageType);
  return { contact: toContact(row), messageTypes, bindings };
}

function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function messageTypeRows(contactId: string, messageTypes: readonly string[]) {
  return messageTypes.map((message_type, position) => ({ contact_id: contactId, message_type, position }));
}

function messageTypeValues(contactId: string, messageTypes: readonly string[]): unknown[][] {
  return messageTypes.map((type, position) => [contactId, type, position]);
}

function pendingValues(p: PendingVerification): unknown[] {
  return [p.contactId, p.channel, p.target, p.createdAt];
}

/** A new contact's values in CONTACT_COLUMNS' order (unleased). */
function contactRow(contact: ContactRecord): unknown[] {
  const row: ContactTable = {
    id: contact.id,
    directory_id: contact.directoryId,
    name: contact.name,
    email: contact.email,
    email_verified: contact.emailVerified ? 1 : 0,
    phone: contact.phone,
    phone_verified: contact.phoneVerified ? 1 : 0,
    title: contact.title,
    status: contact.status,
    deletion_status: contact.deletionStatus,
    deletion_failures: failuresColumn(contact.deletionFailures),
    lease_owner: null,
    lease_node: null,
    lease_until: null,
    created_at: contact.createdAt,
  };
  return CONTACT_COLUMNS.map((column) => row[column]);
}

function failuresColumn(failures: readonly DeletionFailure[]): string | null {
  return failures.length === 0 ? null : JSON.stringify(failures);
}

function toPending(row: ContactVerificationTable): PendingVerification {
  return { contactId: row.contact_id, channel: row.channel, target: row.target, createdAt: Number(row.created_at) };
}

function pendingRow(p: PendingVerification): ContactVerificationTable {
  return { contact_id: p.contactId, channel: p.channel, target: p.target, created_at: p.createdAt };
}
