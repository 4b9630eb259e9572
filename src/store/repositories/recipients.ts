import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { AccountScope, RouteRecord, RouteType, ScopedAccount } from '../records.js';

/**
 * Who receives a message type for which accounts, in set-based statements over the current tree (never
 * one query per account): an Active contact receiving the type and bound to the account, to a folder
 * above it (folder_closure) or to the directory, and the account's retained member contacts of that type.
 */
export class RecipientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The accounts of the scope, by ID. */
  async accounts(directoryId: string, scope: AccountScope): Promise<ScopedAccount[]> {
    const { rows } = await sql<{ account_id: string; display_name: string; folder_id: string }>`
      select a.id as account_id, a.display_name, a.folder_id from accounts a
      where a.directory_id = ${directoryId} and ${scopeFilter(scope)}
      order by a.id`.execute(this.db);
    return rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, folderId: r.folder_id }));
  }

  /** Every route of every account of the scope for one message type, by account, contact and route. */
  async routes(directoryId: string, scope: AccountScope, messageType: string): Promise<RouteRecord[]> {
    const { rows } = await sql<{ account_id: string; contact_id: string; name: string; title: string; email: string; phone: string; via_type: RouteType; via_id: string }>`
      with t as (
        select a.id as account_id, a.folder_id from accounts a where a.directory_id = ${directoryId} and ${scopeFilter(scope)}
      )
      select * from (
      select t.account_id, c.id as contact_id, c.name, c.title, ${verifiedEmail} as email, ${verifiedPhone} as phone,
             'Account' as via_type, b.member_id as via_id
        from t
        join contact_bindings b on b.account_id = t.account_id and b.directory_id = ${directoryId}
        join contacts c on c.id = b.contact_id and c.status = 'Active'
        join contact_message_types mt on mt.contact_id = c.id and mt.message_type = ${messageType}
      union all
      select t.account_id, c.id as contact_id, c.name, c.title, ${verifiedEmail} as email, ${verifiedPhone} as phone,
             case when b.member_id like 'rd-%' then 'ResourceDirectory' else 'Folder' end as via_type, b.member_id as via_id
        from t
        join folder_closure fc on fc.descendant_id = t.folder_id
        join contact_bindings b on b.folder_id = fc.ancestor_id and b.directory_id = ${directoryId}
        join contacts c on c.id = b.contact_id and c.status = 'Active'
        join contact_message_types mt on mt.contact_id = c.id and mt.message_type = ${messageType}
      union all
      select t.account_id, r.source_contact_id as contact_id, r.name, r.title, r.email, coalesce(r.phone, '') as phone,
             'Retained' as via_type, r.account_id as via_id
        from t
        join retained_contacts r on r.account_id = t.account_id and r.message_type = ${messageType}
      ) routes
      order by account_id, contact_id, via_type, via_id`.execute(this.db);
    return rows.map((r) => ({ accountId: r.account_id, contactId: r.contact_id, name: r.name, title: r.title, email: r.email, phone: r.phone, viaType: r.via_type, viaId: r.via_id }));
  }

  /** One page of the accounts of the scope that nobody receives the message type for, by ID, and how many there are. */
  async uncovered(directoryId: string, scope: AccountScope, messageType: string, offset: number, limit: number): Promise<{ rows: ScopedAccount[]; total: number }> {
    const uncovered = sql`
      from accounts a
      where a.directory_id = ${directoryId} and ${scopeFilter(scope)}
        and not exists (
          select 1 from contact_bindings b
            join contacts c on c.id = b.contact_id and c.status = 'Active'
            join contact_message_types mt on mt.contact_id = c.id and mt.message_type = ${messageType}
          where b.account_id = a.id and b.directory_id = ${directoryId})
        and not exists (
          select 1 from folder_closure fc
            join contact_bindings b on b.folder_id = fc.ancestor_id and b.directory_id = ${directoryId}
            join contacts c on c.id = b.contact_id and c.status = 'Active'
            join contact_message_types mt on mt.contact_id = c.id and mt.message_type = ${messageType}
          where fc.descendant_id = a.folder_id)
        and not exists (select 1 from retained_contacts r where r.account_id = a.id and r.message_type = ${messageType})`;
    const { rows } = await sql<{ account_id: string; display_name: string; folder_id: string }>`
      select a.id as account_id, a.display_name, a.folder_id ${uncovered} order by a.id limit ${limit} offset ${offset}`.execute(this.db);
    const count = await sql<{ n: number | string }>`select count(*) as n ${uncovered}`.execute(this.db);
    return { rows: rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, folderId: r.folder_id })), total: Number(count.rows[0]?.n ?? 0) };
  }
}

const verifiedEmail = sql`case when c.email_verified = 1 then c.email else '' end`;
const verifiedPhone = sql`case when c.phone_verified = 1 and c.phone is not null then c.phone else '' end`;

function scopeFilter(scope: AccountScope): RawBuilder<unknown> {
  switch (scope.kind) {
    case 'account':
      return sql`a.id = ${scope.accountId}`;
    case 'folder':
      return sql`a.folder_id in (select fc.descendant_id from folder_closure fc where fc.ancestor_id = ${scope.folderId})`;
    case 'directory':
      return sql`1 = 1`;
  }
}
