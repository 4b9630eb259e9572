import type { Kysely } from 'kysely';
import type { AccountTable, Database } from '../schema.js';
import type { AccountRecord } from '../records.js';
import { containsIgnoringCase, hasTag } from './filters.js';
import { PlacementRepository } from './placements.js';

/** Which member accounts a list wants: all of a directory's, or those directly in one of its folders, filtered. */
export interface AccountQuery {
  directoryId: string;
  /** A folder of that directory. */
  folderId?: string;
  /** Case-insensitive substring of the display name, account name or account ID. */
  keyword?: string;
  /** Every filter must match: the account has the key (with the value, when one is given). */
  tags: ReadonlyArray<{ key: string; value: string | undefined }>;
}

/** Where a page starts: an offset (PageNumber paging) or after a given account (token paging). */
export type PageStart = { offset: number } | { after: { joinTime: number; id: string } };

/** Member accounts of the directories. */
export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a member account and opens its placement (call inside a transaction). */
  async insertAccount(account: AccountRecord): Promise<void> {
    await this.db.insertInto('accounts').values(accountRow(account)).execute();
    await new PlacementRepository(this.db).record(account.directoryId, [account.id]);
  }

  /** Inserts many accounts of one directory in statements of 500 rows, with their placements (loading a large directory: benchmarks, imports). */
  async insertAccounts(accounts: readonly AccountRecord[]): Promise<void> {
    for (let i = 0; i < accounts.length; i += 500) {
      const chunk = accounts.slice(i, i + 500);
      await this.db.insertInto('accounts').values(chunk.map(accountRow)).execute();
      for (const directoryId of new Set(chunk.map((a) => a.directoryId))) {
        await new PlacementRepository(this.db).record(directoryId, chunk.filter((a) => a.directoryId === directoryId).map((a) => a.id));
      }
    }
  }

  /** The member account if it belongs to the directory. */
  async accountIn(directoryId: string, accountId: string): Promise<AccountRecord | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', accountId).where('directory_id', '=', directoryId).executeTakeFirst();
    return row && toAccount(row);
  }

  /** True when the account is a member of any directory. */
  async isMemberAccount(accountId: string): Promise<boolean> {
    return (await this.db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst()) !== undefined;
  }

  async accountWithDisplayName(directoryId: string, displayName: string): Promise<AccountRecord | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('directory_id', '=', directoryId).where('display_name', '=', displayName).executeTakeFirst();
    return row && toAccount(row);
  }

  async accountWithName(accountName: string): Promise<AccountRecord | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('account_name', '=', accountName).executeTakeFirst();
    return row && toAccount(row);
  }

  async countAccounts(directoryId: string): Promise<number> {
    const row = await this.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).where('directory_id', '=', directoryId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async hasAccounts(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('accounts').select('id').where('folder_id', '=', folderId).limit(1).executeTakeFirst()) !== undefined;
  }

  /** Moves a member account to another folder and records its new placement (call inside a transaction). */
  async moveAccount(accountId: string, folderId: string, modifyTime: number): Promise<void> {
    const [moved] = await this.db.updateTable('accounts').set({ folder_id: folderId, modify_time: modifyTime }).where('id', '=', accountId).returning('directory_id').execute();
    if (moved) await new PlacementRepository(this.db).record(moved.directory_id, [accountId]);
  }

  /** One page of member accounts (by join time, then ID) and how many match in all. */
  async listAccounts(q: AccountQuery, start: PageStart, limit: number): Promise<{ rows: AccountRecord[]; total: number }> {
    // A folder belongs to one directory: its accounts are found by the folder index alone.
    let query =
      q.folderId === undefined
        ? this.db.selectFrom('accounts').where('directory_id', '=', q.directoryId)
        : this.db.selectFrom('accounts').where('folder_id', '=', q.folderId);
    if (q.keyword) {
      const keyword = q.keyword;
      query = query.where((eb) => eb.or([containsIgnoringCase('display_name', keyword)(eb), containsIgnoringCase('account_name', keyword)(eb), containsIgnoringCase('id', keyword)(eb)]));
    }
    for (const tag of q.tags) query = query.where((eb) => hasTag(eb, 'accounts.id', tag));
    const { n } = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const total = Number(n);
    let page = query.selectAll('accounts').orderBy('join_time').orderBy('id').limit(limit);
    if ('offset' in start) {
      if (start.offset >= total) return { rows: [], total };
      page = page.offset(start.offset);
    } else {
      const { joinTime, id } = start.after;
      page = page.where((eb) => eb.or([eb('join_time', '>', joinTime), eb.and([eb('join_time', '=', joinTime), eb('id', '>', id)])]));
    }
    return { rows: (await page.execute()).map(toAccount), total };
  }
}

function toAccount(row: AccountTable): AccountRecord {
  return {
    id: row.id,
    directoryId: row.directory_id,
    folderId: row.folder_id,
    displayName: row.display_name,
    accountName: row.account_name,
    type: row.type,
    status: row.status,
    joinMethod: row.join_method,
    joinTime: Number(row.join_time),
    modifyTime: Number(row.modify_time),
  };
}

function accountRow(a: AccountRecord): AccountTable {
  return {
    id: a.id,
    directory_id: a.directoryId,
    folder_id: a.folderId,
    display_name: a.displayName,
    account_name: a.accountName,
    type: a.type,
    status: a.status,
    join_method: a.joinMethod,
    join_time: a.joinTime,
    modify_time: a.modifyTime,
  };
}
