import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AccountTable, Database, DirectoryTable, FolderTable, TagTable } from './schema.js';

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

export interface FolderQuery {
  parentId: string;
  /** Case-insensitive substring of the folder name. */
  keyword?: string;
  tags: ReadonlyArray<{ key: string; value: string | undefined }>;
}

/** Where a page starts: an offset (PageNumber paging) or after a given account (token paging). */
export type PageStart = { offset: number } | { after: { joinTime: number; id: string } };

/** One ancestor of a folder (the folder itself at distance 0). */
export interface AncestorRow {
  descendant_id: string;
  distance: number;
  id: string;
  name: string;
  created_at: number;
}

/**
 * The resource directory tree: directories, folders (with their closure), member accounts and tags.
 * Lists and ancestor lookups are single indexed queries (folder_closure for ancestry), never per-node loops.
 */
export class DirectoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  directoryOf(accountId: string): Promise<DirectoryTable | undefined> {
    return this.db.selectFrom('directories').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  /** Creates a directory and its Root folder. */
  async createDirectory(directory: DirectoryTable, rootFolderName: string): Promise<void> {
    await this.db.insertInto('directories').values(directory).execute();
    await this.insertFolder({
      id: directory.root_folder_id,
      directory_id: directory.id,
      parent_id: null,
      name: rootFolderName,
      depth: 0,
      created_at: directory.created_at,
    });
  }

  /**
   * Takes the directory's row lock for the rest of the transaction (a no-op write), so tree changes of one
   * directory run one after another: counts, name checks and inserts cannot interleave.
   */
  async lockDirectory(directoryId: string): Promise<void> {
    await this.db
      .updateTable('directories')
      .set((eb) => ({ root_folder_id: eb.ref('root_folder_id') }))
      .where('id', '=', directoryId)
      .execute();
  }

  /** Removes a directory that holds nothing but its Root folder. */
  async deleteDirectory(directory: DirectoryTable): Promise<void> {
    await this.deleteFolder(directory.root_folder_id);
    await this.db.deleteFrom('directories').where('id', '=', directory.id).execute();
  }

  // --- folders ---

  /** Inserts a folder and its closure rows: itself at distance 0, and every ancestor of its parent one further. */
  async insertFolder(folder: FolderTable): Promise<void> {
    await this.db.insertInto('folders').values(folder).execute();
    await this.db.insertInto('folder_closure').values({ ancestor_id: folder.id, descendant_id: folder.id, distance: 0 }).execute();
    if (folder.parent_id !== null) {
      await this.db
        .insertInto('folder_closure')
        .columns(['ancestor_id', 'descendant_id', 'distance'])
        .expression((eb) =>
          eb
            .selectFrom('folder_closure')
            .select((s) => ['ancestor_id', s.val(folder.id).as('descendant_id'), s(s.ref('distance'), '+', 1).as('distance')])
            .where('descendant_id', '=', folder.parent_id!),
        )
        .execute();
    }
  }

  /** The folder (Root or below) if it belongs to the directory. */
  folderIn(directoryId: string, folderId: string): Promise<FolderTable | undefined> {
    return this.db.selectFrom('folders').selectAll().where('id', '=', folderId).where('directory_id', '=', directoryId).executeTakeFirst();
  }

  async folderExists(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('folders').select('id').where('id', '=', folderId).executeTakeFirst()) !== undefined;
  }

  async siblingNamed(parentId: string, name: string): Promise<FolderTable | undefined> {
    return this.db.selectFrom('folders').selectAll().where('parent_id', '=', parentId).where('name', '=', name).executeTakeFirst();
  }

  async countFolders(directoryId: string): Promise<number> {
    const row = await this.db.selectFrom('folders').select((eb) => eb.fn.countAll().as('n')).where('directory_id', '=', directoryId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async hasSubfolders(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('folders').select('id').where('parent_id', '=', folderId).limit(1).executeTakeFirst()) !== undefined;
  }

  async renameFolder(folderId: string, name: string): Promise<void> {
    await this.db.updateTable('folders').set({ name }).where('id', '=', folderId).execute();
  }

  /** Deletes a folder without subfolders: its closure rows, its tags and itself. */
  async deleteFolder(folderId: string): Promise<void> {
    await this.db.deleteFrom('folder_closure').where('descendant_id', '=', folderId).execute();
    await this.db.deleteFrom('tags').where('resource_id', '=', folderId).execute();
    await this.db.deleteFrom('folders').where('id', '=', folderId).execute();
  }

  /** Ancestors of each given folder, itself included: grouped by folder, Root (largest distance) first. */
  ancestorsOf(folderIds: readonly string[]): Promise<AncestorRow[]> {
    if (folderIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('folder_closure as c')
      .innerJoin('folders as f', 'f.id', 'c.ancestor_id')
      .select(['c.descendant_id', 'c.distance', 'f.id', 'f.name', 'f.created_at'])
      .where('c.descendant_id', 'in', [...new Set(folderIds)])
      .orderBy('c.descendant_id')
      .orderBy('c.distance', 'desc')
      .execute();
  }

  /** One page of a folder's direct subfolders (by creation time, then ID) and how many match in all. */
  async listSubfolders(q: FolderQuery, offset: number, limit: number): Promise<{ rows: FolderTable[]; total: number }> {
    let query = this.db.selectFrom('folders').where('parent_id', '=', q.parentId);
    if (q.keyword) query = query.where(containsIgnoringCase('name', q.keyword));
    for (const tag of q.tags) query = query.where((eb) => hasTag(eb, 'folders.id', tag));
    const { n } = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const total = Number(n);
    if (offset >= total) return { rows: [], total };
    const rows = await query.selectAll('folders').orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
    return { rows, total };
  }

  // --- member accounts ---

  async insertAccount(account: AccountTable): Promise<void> {
    await this.db.insertInto('accounts').values(account).execute();
  }

  /** Inserts many accounts in statements of 500 rows (loading a large directory: benchmarks, imports). */
  async insertAccounts(accounts: readonly AccountTable[]): Promise<void> {
    for (let i = 0; i < accounts.length; i += 500) await this.db.insertInto('accounts').values(accounts.slice(i, i + 500)).execute();
  }

  /** The member account if it belongs to the directory. */
  accountIn(directoryId: string, accountId: string): Promise<AccountTable | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', accountId).where('directory_id', '=', directoryId).executeTakeFirst();
  }

  /** The directory the account is a member of, if any (accounts.id is the primary key: one at most). */
  directoryOfMember(accountId: string): Promise<DirectoryTable | undefined> {
    return this.db
      .selectFrom('accounts')
      .innerJoin('directories', 'directories.id', 'accounts.directory_id')
      .selectAll('directories')
      .where('accounts.id', '=', accountId)
      .executeTakeFirst();
  }

  /** True when the account is a member of any directory. */
  async isMemberAccount(accountId: string): Promise<boolean> {
    return (await this.db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst()) !== undefined;
  }

  /** True when the ID is taken by any member account or management account. */
  async accountIdTaken(accountId: string): Promise<boolean> {
    return (await this.isMemberAccount(accountId)) || (await this.directoryOf(accountId)) !== undefined;
  }

  async accountWithDisplayName(directoryId: string, displayName: string): Promise<AccountTable | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('directory_id', '=', directoryId).where('display_name', '=', displayName).executeTakeFirst();
  }

  async accountWithName(accountName: string): Promise<AccountTable | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('account_name', '=', accountName).executeTakeFirst();
  }

  async countAccounts(directoryId: string): Promise<number> {
    const row = await this.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).where('directory_id', '=', directoryId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async hasAccounts(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('accounts').select('id').where('folder_id', '=', folderId).limit(1).executeTakeFirst()) !== undefined;
  }

  async moveAccount(accountId: string, folderId: string, modifyTime: number): Promise<void> {
    await this.db.updateTable('accounts').set({ folder_id: folderId, modify_time: modifyTime }).where('id', '=', accountId).execute();
  }

  /** One page of member accounts (by join time, then ID) and how many match in all. */
  async listAccounts(q: AccountQuery, start: PageStart, limit: number): Promise<{ rows: AccountTable[]; total: number }> {
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
    return { rows: await page.execute(), total };
  }

  // --- tags ---

  async insertTags(resourceId: string, tags: ReadonlyArray<{ key: string; value: string }>): Promise<void> {
    if (tags.length === 0) return;
    await this.db
      .insertInto('tags')
      .values(tags.map((t) => ({ resource_id: resourceId, key: t.key, value: t.value })))
      .execute();
  }

  /** The tags of the given folders or accounts, by resource then key. */
  tagsOf(resourceIds: readonly string[]): Promise<TagTable[]> {
    if (resourceIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('tags').selectAll().where('resource_id', 'in', [...new Set(resourceIds)]).orderBy('resource_id').orderBy('key').execute();
  }
}

/** `lower(column) LIKE %keyword%` with LIKE's wildcards in the keyword taken literally (same on SQLite and PostgreSQL). */
function containsIgnoringCase(column: 'name' | 'display_name' | 'account_name' | 'id', keyword: string) {
  const pattern = '%' + keyword.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  return (_eb: ExpressionBuilder<any, any>) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** EXISTS a tag of the outer row's ID with the key (and value); served by the tags primary key. */
function hasTag(eb: ExpressionBuilder<Database, any>, resourceId: 'folders.id' | 'accounts.id', tag: { key: string; value: string | undefined }) {
  let tags = eb.selectFrom('tags').select('tags.key').whereRef('tags.resource_id', '=', sql.ref(resourceId)).where('tags.key', '=', tag.key);
  if (tag.value !== undefined) tags = tags.where('tags.value', '=', tag.value);
  return eb.exists(tags);
}
