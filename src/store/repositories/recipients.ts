import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { AccountScope, RecipientCoverage, ResolvedRecipient, RouteType, ScopedAccount } from '../records.js';
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
   * 2,000,000 rows to publish to 100,000 accounts with 20 contacts bound to the directory).
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
        join accounts a on a.id = r.account_id and a.directory_id = ${directoryId}
       where r.message_type = ${messageType} and ${scopeFilter(scope)}`.execute(this.db);
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
   * The accounts of the scope a recipient covers through its routes: how many, and the first `named` by ID
   * with their display names (a notice names those). Counted in the database, each account once: a route to
   * the directory covers the whole scope, a folder route the scope's accounts below the folder, an account or
   * retained route its account.
   */
  async coverage(directoryId: string, scope: AccountScope, via: ResolvedRecipient['via'], named: number): Promise<RecipientCoverage> {
    const covered = coveredAccounts(sql`a.directory_id = ${directoryId} and ${scopeFilter(scope)}`, via);
    const count = await sql<{ n: number | string }>`select count(*) as n from (${covered}) u`.execute(this.db);
    const sample = await sql<{ id: string; display_name: string }>`select u.id, u.display_name from (${covered}) u order by u.id limit ${named}`.execute(this.db);
    return { accountCount: Number(count.rows[0]?.n ?? 0), accounts: sample.rows.map((r) => ({ accountId: r.id, displayName: r.display_name })) };
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

/** `select a.id, a.display_name` of the accounts `inScope` that the routes reach, each once. */
function coveredAccounts(inScope: RawBuilder<unknown>, via: ResolvedRecipient['via']): RawBuilder<unknown> {
  if (via.some((v) => v.type === 'ResourceDirectory')) return sql`select a.id, a.display_name from accounts a where ${inScope}`;
  const folders = via.filter((v) => v.type === 'Folder').map((v) => v.id);
  const accounts = via.filter((v) => v.type === 'Account' || v.type === 'Retained').map((v) => v.id);
  const parts: RawBuilder<unknown>[] = [];
  if (folders.length > 0) {
    parts.push(sql`select a.id, a.display_name from accounts a
      where a.folder_id in (select fc.descendant_id from folder_closure fc where fc.ancestor_id in (${sql.join(folders)})) and ${inScope}`);
  }
  if (accounts.length > 0) parts.push(sql`select a.id, a.display_name from accounts a where a.id in (${sql.join(accounts)}) and ${inScope}`);
  // Every recipient has a route; without one it covers nothing.
  return parts.length === 0 ? sql`select a.id, a.display_name from accounts a where 1 = 0` : sql.join(parts, sql` union `);
}

const verifiedEmail = sql`case when c.email_verified = 1 then c.email else '' end`;
const verifiedPhone = sql`case when c.phone_verified = 1 and c.phone is not null then c.phone else '' end`;

/** Orders IDs the same on both databases (PostgreSQL would compare them by its collation). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
