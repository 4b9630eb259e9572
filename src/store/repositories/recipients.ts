import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { AccountScope, RecipientCoverage, ResolvedRecipient, RouteType, ScopedAccount, ScopeTally } from '../records.js';
import { scopeFilter, uncoveredFilter } from './account-scope.js';

/**
 * Who receives a message type for which accounts, in set-based statements over the current tree (never
 * one query per account): an Active contact receiving the type and bound to the account, to a folder
 * above it (folder_closure) or to the directory, and the account's retained member contacts of that type.
 */
export class RecipientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The recipients of one message type for the accounts of the scope, with their routes, by contact ID. Read
   * per binding, never per account: an account binding or a retained contact of an account of the scope, and a
   * folder or directory binding whose subtree holds an account of the scope (one EXISTS per binding). The rows
   * read grow with the bindings, not with the accounts (expanding one route per (account, contact) read
   * 2,000,000 rows to publish to 100,000 accounts with 20 contacts bound to the directory). Each part starts
   * from the directory's bindings or retained contacts, not from its accounts (joined to an account by its
   * directory, SQLite scanned every account of the directory for the retained ones).
   */
  async recipients(directoryId: string, scope: AccountScope, messageType: string): Promise<ResolvedRecipient[]> {
    const { rows } = await sql<{ contact_id: string; name: string; title: string; email: string; phone: string; via_type: RouteType; via_id: string }>`
      select c.id as contact_id, c.name, c.title, ${verifiedEmail} as email, ${verifiedPhone} as phone,
             'Account' as via_type, b.member_id as via_id
        from contact_bindings b
        join accounts a on a.id = b.account_id and a.directory_id = ${directoryId}
        join contacts c on c.id = b.contact_id and c.status = 'Active'
        join contact_message_types mt on mt.contact_id = c.id and mt.message_type = ${messageType}
       where b.directory_id = ${directoryId} and ${scopeFilter(scope)}
      union all
      select c.id as contact_id, c.name, c.title, ${verifiedEmail} as email, ${verifiedPhone} as phone,
             case when b.member_id like 'rd-%' then 'ResourceDirectory' else 'Folder' end as via_type, b.member_id as via_id
        from contact_bindings b
        join contacts c on c.id = b.contact_id and c.status = 'Active'
        join contact_message_types mt on mt.contact_id = c.id and mt.message_type = ${messageType}
       where b.directory_id = ${directoryId} and b.folder_id is not null
         and exists (select 1 from folder_closure bc join accounts a on a.folder_id = bc.descendant_id
                      where bc.ancestor_id = b.folder_id and ${scopeFilter(scope)})
      union all
      select r.source_contact_id as contact_id, r.name, r.title, r.email, coalesce(r.phone, '') as phone,
             'Retained' as via_type, r.account_id as via_id
        from retained_contacts r
        join accounts a on a.id = r.account_id
       where r.directory_id = ${directoryId} and r.message_type = ${messageType} and ${scopeFilter(scope)}`.execute(this.db);
    const byContact = new Map<string, ResolvedRecipient>();
    for (const r of rows) {
      // Every route of a contact carries the same name and targets (a retained contact is a copy of one contact).
      const recipient = byContact.get(r.contact_id) ?? { contactId: r.contact_id, name: r.name, title: r.title, email: r.email, phone: r.phone, via: [] };
      byContact.set(r.contact_id, recipient);
      if (!recipient.via.some((v) => v.type === r.via_type && v.id === r.via_id)) recipient.via.push({ type: r.via_type, id: r.via_id });
    }
    return [...byContact.values()]
      .map((r) => ({ ...r, via: r.via.sort((a, b) => byCodePoint(`${a.type} ${a.id}`, `${b.type} ${b.id}`)) }))
      .sort((a, b) => byCodePoint(a.contactId, b.contactId));
  }

  /**
   * How many accounts of the scope each folder holds directly: for a folder or the directory, the account
   * counts its folders keep (no account row is read: the tree's folders, not its accounts); for an account,
   * its own folder. Shared by every recipient's coverage.
   */
  async tally(directoryId: string, scope: AccountScope): Promise<ScopeTally> {
    const { rows } =
      scope.kind === 'account'
        ? await sql<{ folder_id: string; n: number | string }>`select a.folder_id, 1 as n from accounts a where a.id = ${scope.accountId} and a.directory_id = ${directoryId}`.execute(this.db)
        : await sql<{ folder_id: string; n: number | string }>`
            select f.id as folder_id, f.account_count as n from folders f where f.id in (${scopeFolders(directoryId, scope)}) and f.account_count > 0`.execute(this.db);
    return { directoryId, scope, perFolder: new Map(rows.map((r) => [r.folder_id, Number(r.n)])) };
  }

  /**
   * The accounts of the scope a recipient covers through its routes: how many, from the tally (a route to the
   * directory covers the whole scope, a folder route the folders below it, an account or retained route its
   * account, each account once), and up to `named` of them with display names (a notice names those): the
   * accounts its account and retained routes reach, then accounts below its folders as the folder index gives
   * them (the first `named` found, so this reads no more rows than it names), in ID order.
   */
  async coverage(tally: ScopeTally, via: ResolvedRecipient['via'], named: number): Promise<RecipientCoverage> {
    const { directoryId, scope, perFolder } = tally;
    const folderRoutes = via.some((v) => v.type === 'ResourceDirectory') ? [...perFolder.keys()] : via.filter((v) => v.type === 'Folder').map((v) => v.id);
    const below = new Set<string>();
    for (const f of await this.subtrees(via, folderRoutes)) if (perFolder.has(f)) below.add(f);
    let accountCount = 0;
    for (const f of below) accountCount += perFolder.get(f)!;
    const ids = [...new Set(via.filter((v) => v.type === 'Account' || v.type === 'Retained').map((v) => v.id))];
    const direct =
      ids.length === 0
        ? []
        : (
            await sql<{ id: string; display_name: string; folder_id: string }>`
              select a.id, a.display_name, a.folder_id from accounts a where a.id in (${sql.join(ids)}) and a.directory_id = ${directoryId} and ${scopeFilter(scope)}`.execute(this.db)
          ).rows;
    const outside = direct.filter((a) => !below.has(a.folder_id));
    accountCount += outside.length;
    const sample = outside.map((a) => ({ accountId: a.id, displayName: a.display_name }));
    if (sample.length < named && below.size > 0) {
      const { rows } = await sql<{ id: string; display_name: string }>`
        select a.id, a.display_name from accounts a where a.folder_id in (${belowRoutes(directoryId, via, folderRoutes)}) and ${scopeFilter(scope)}
         limit ${named - sample.length}`.execute(this.db);
      sample.push(...rows.map((r) => ({ accountId: r.id, displayName: r.display_name })));
    }
    return { accountCount, accounts: sample.sort((a, b) => byCodePoint(a.accountId, b.accountId)).slice(0, named) };
  }

  /** The folders at or below the recipient's folder routes (every folder of the scope for a route to the directory). */
  private async subtrees(via: ResolvedRecipient['via'], folderRoutes: readonly string[]): Promise<string[]> {
    if (via.some((v) => v.type === 'ResourceDirectory')) return [...folderRoutes];
    if (folderRoutes.length === 0) return [];
    const { rows } = await sql<{ id: string }>`select distinct fc.descendant_id as id from folder_closure fc where fc.ancestor_id in (${sql.join(folderRoutes)})`.execute(this.db);
    return rows.map((r) => r.id);
  }

  /** One page of the accounts of the scope that nobody receives the message type for, by ID, and how many there are. */
  async uncovered(directoryId: string, scope: AccountScope, messageType: string, offset: number, limit: number): Promise<{ rows: ScopedAccount[]; total: number }> {
    const from = uncoveredAccounts(directoryId, scope, messageType);
    const { rows } = await sql<{ account_id: string; display_name: string; folder_id: string }>`
      select a.id as account_id, a.display_name, a.folder_id ${from} order by a.id limit ${limit} offset ${offset}`.execute(this.db);
    return { rows: rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, folderId: r.folder_id })), total: await this.uncoveredCount(directoryId, scope, messageType) };
  }

  /** How many accounts of the scope nobody receives the message type for. */
  async uncoveredCount(directoryId: string, scope: AccountScope, messageType: string): Promise<number> {
    const count = await sql<{ n: number | string }>`select count(*) as n ${uncoveredAccounts(directoryId, scope, messageType)}`.execute(this.db);
    return Number(count.rows[0]?.n ?? 0);
  }
}

/** `from …` the accounts of the scope without a recipient of the type. */
function uncoveredAccounts(directoryId: string, scope: AccountScope, messageType: string): RawBuilder<unknown> {
  return sql`from accounts a where a.directory_id = ${directoryId} and ${scopeFilter(scope)} and ${uncoveredFilter(directoryId, messageType)}`;
}

/** The folders at or below a recipient's folder routes, as a subquery (a directory's folders can be more than a statement may bind). */
function belowRoutes(directoryId: string, via: ResolvedRecipient['via'], folderRoutes: readonly string[]): RawBuilder<unknown> {
  if (via.some((v) => v.type === 'ResourceDirectory')) return sql`select f.id from folders f where f.directory_id = ${directoryId}`;
  return sql`select fc.descendant_id from folder_closure fc where fc.ancestor_id in (${sql.join([...folderRoutes])})`;
}

/** The folders whose accounts are the scope's: every folder of a folder's subtree, or of the directory. */
function scopeFolders(directoryId: string, scope: Exclude<AccountScope, { kind: 'account' }>): RawBuilder<unknown> {
  return scope.kind === 'folder'
    ? sql`select fc.descendant_id from folder_closure fc where fc.ancestor_id = ${scope.folderId}`
    : sql`select f.id from folders f where f.directory_id = ${directoryId}`;
}

const verifiedEmail = sql`case when c.email_verified = 1 then c.email else '' end`;
const verifiedPhone = sql`case when c.phone_verified = 1 and c.phone is not null then c.phone else '' end`;

/** Orders IDs the same on both databases (PostgreSQL would compare them by its collation). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
