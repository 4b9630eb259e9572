import type { Kysely, Selectable } from 'kysely';
import type { Database, DirectoryTable } from '../schema.js';
import type { DirectoryRecord } from '../records.js';
import { AccountRepository } from './accounts.js';
import { FolderRepository } from './folders.js';
import { compiledOnce } from './compiled.js';

/**
 * Every call of a directory operation resolves the caller's directory: compiled once, kept in memory until a
 * write to `directories` where the store allows it, and read together with other callers' where reads are
 * round trips (compiled.ts).
 */
const directoryOfAccount = compiledOnce((db, accountId: string) => db.selectFrom('directories').selectAll().where('account_id', '=', accountId), { keptUntilWriteTo: ['directories'], pointRead: true });

/** Every tree change and every Add takes its directory's lock: compiled once. */
const lockDirectoryRow = compiledOnce((db, directoryId: string) =>
  db
    .updateTable('directories')
    .set((eb) => ({ root_folder_id: eb.ref('root_folder_id') }))
    .where('id', '=', directoryId)
    .returning('contact_count'),
);

/** Resource directories: one per management account, each with its Root folder. */
export class DirectoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async directoryOf(accountId: string): Promise<DirectoryRecord | undefined> {
    const [row] = await directoryOfAccount(this.db, accountId);
    return row && toDirectory(row);
  }

  /** Creates a directory and its Root folder. */
  async createDirectory(directory: DirectoryRecord, rootFolderName: string): Promise<void> {
    await this.db
      .insertInto('directories')
      .values({
        id: directory.id,
        account_id: directory.accountId,
        root_folder_id: directory.rootFolderId,
        master_account_name: directory.masterAccountName,
        created_at: directory.createdAt,
      })
      .execute();
    await new FolderRepository(this.db).insertFolder({
      id: directory.rootFolderId,
      directoryId: directory.id,
      parentId: null,
      name: rootFolderName,
      depth: 0,
      createdAt: directory.createdAt,
    });
  }

  /**
   * Takes the directory's row lock for the rest of the transaction (a no-op write), so tree changes of one
   * directory run one after another: counts, name checks and inserts cannot interleave. Answers the
   * directory's contact count as of the lock (the contact limit's check needs no statement of its own).
   */
  async lockDirectory(directoryId: string): Promise<{ contactCount: number }> {
    const [row] = await lockDirectoryRow(this.db, directoryId);
    return { contactCount: Number(row?.contact_count ?? 0) };
  }

  /** Removes a directory that holds nothing but its Root folder. */
  async deleteDirectory(directory: DirectoryRecord): Promise<void> {
    await new FolderRepository(this.db).deleteFolder(directory.rootFolderId);
    await this.db.deleteFrom('directories').where('id', '=', directory.id).execute();
  }

  /** The directory the account is a member of, if any (accounts.id is the primary key: one at most). */
  async directoryOfMember(accountId: string): Promise<DirectoryRecord | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .innerJoin('directories', 'directories.id', 'accounts.directory_id')
      .selectAll('directories')
      .where('accounts.id', '=', accountId)
      .executeTakeFirst();
    return row && toDirectory(row);
  }

  /** True when the ID is taken by any member account or management account. */
  async accountIdTaken(accountId: string): Promise<boolean> {
    return (await new AccountRepository(this.db).isMemberAccount(accountId)) || (await this.directoryOf(accountId)) !== undefined;
  }
}

function toDirectory(row: Selectable<DirectoryTable>): DirectoryRecord {
  return { id: row.id, accountId: row.account_id, rootFolderId: row.root_folder_id, masterAccountName: row.master_account_name, createdAt: Number(row.created_at) };
}
