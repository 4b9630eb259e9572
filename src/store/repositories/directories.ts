import type { Kysely } from 'kysely';
import type { Database, DirectoryTable } from '../schema.js';
import { AccountRepository } from './accounts.js';
import { FolderRepository } from './folders.js';

/** Resource directories: one per management account, each with its Root folder. */
export class DirectoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  directoryOf(accountId: string): Promise<DirectoryTable | undefined> {
    return this.db.selectFrom('directories').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  /** Creates a directory and its Root folder. */
  async createDirectory(directory: DirectoryTable, rootFolderName: string): Promise<void> {
    await this.db.insertInto('directories').values(directory).execute();
    await new FolderRepository(this.db).insertFolder({
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
    await new FolderRepository(this.db).deleteFolder(directory.root_folder_id);
    await this.db.deleteFrom('directories').where('id', '=', directory.id).execute();
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

  /** True when the ID is taken by any member account or management account. */
  async accountIdTaken(accountId: string): Promise<boolean> {
    return (await new AccountRepository(this.db).isMemberAccount(accountId)) || (await this.directoryOf(accountId)) !== undefined;
  }
}
