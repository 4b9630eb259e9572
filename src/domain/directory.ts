import { ApiError } from '../errors/api-error.js';
import type { Repositories } from '../store/repositories.js';
import type { Store } from '../store/store.js';
import type { DirectoryTable } from '../store/schema.js';
import { newId } from './ids.js';

export interface ResourceDirectory {
  id: string;
  accountId: string;
  rootFolderId: string;
  masterAccountName: string;
  createdAt: number;
}

/** The tenant's directory row, or 404 EntityNotExists.ResourceDirectory. */
async function requireDirectoryRow(repos: Repositories, tenant: string): Promise<DirectoryTable> {
  const row = await repos.directory.directoryOf(tenant);
  if (!row) throw new ApiError('EntityNotExists.ResourceDirectory');
  return row;
}

/** The resource directory of a management account (the tenant): enabling, reading and destroying it. */
export class DirectoryService {
  constructor(private readonly store: Store) {}

  /** The caller's directory, or 404 EntityNotExists.ResourceDirectory. */
  async require(accountId: string): Promise<ResourceDirectory> {
    return toDirectory(await requireDirectoryRow(this.store, accountId));
  }

  /**
   * The directory the account manages or, for a member account, the directory it belongs to (what
   * GetResourceDirectory answers either); undefined for an account that is neither.
   */
  async findManagedOrJoined(accountId: string): Promise<ResourceDirectory | undefined> {
    const row = (await this.store.directory.directoryOf(accountId)) ?? (await this.store.directory.directoryOfMember(accountId));
    return row && toDirectory(row);
  }

  /** Enables the caller's directory with the caller as management account. */
  async enable(accountId: string, dryRun: boolean): Promise<ResourceDirectory> {
    if (await this.store.directory.isMemberAccount(accountId)) throw new ApiError('NotSupport.AccountInAnotherResourceDirectory');
    if (await this.store.directory.directoryOf(accountId)) throw new ApiError('EntityAlreadyExists.ResourceDirectory');
    const row: DirectoryTable = {
      id: newId.directory(),
      account_id: accountId,
      root_folder_id: newId.rootFolder(),
      master_account_name: `${accountId}@rdcontacts.local`,
      created_at: Date.now(),
    };
    if (!dryRun) {
      try {
        await this.store.transaction((tx) => tx.directory.createDirectory(row, 'Root'));
      } catch (err) {
        // Two concurrent enables: the unique account_id lets one win.
        if (await this.store.directory.directoryOf(accountId)) throw new ApiError('EntityAlreadyExists.ResourceDirectory');
        throw err;
      }
    }
    return toDirectory(row);
  }

  /**
   * Disables the caller's directory. It must hold no member accounts and no folder but Root; the documented
   * folder code (DeleteConflict.Folder.SubFolder: Root still has subfolders) answers the latter.
   */
  async destroy(rd: ResourceDirectory): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.directory.lockDirectory(rd.id);
      // Read again under the lock: a concurrent destroy may have removed it since the caller resolved it.
      const directory = await requireDirectoryRow(tx, rd.accountId);
      if ((await tx.directory.countAccounts(directory.id)) > 0) throw new ApiError('DeleteConflict.ResourceDirectory.Account');
      if ((await tx.directory.countFolders(directory.id)) > 1) throw new ApiError('DeleteConflict.Folder.SubFolder');
      // Whatever else belongs to the directory (message contacts, member settings, past account deletions) must go in this same transaction.
      await tx.contacts.removeDirectory(directory.id);
      await tx.settings.remove(directory.id);
      await tx.lifecycle.removeDirectory(directory.id);
      await tx.directory.deleteDirectory(directory);
    });
  }
}

function toDirectory(row: DirectoryTable): ResourceDirectory {
  return {
    id: row.id,
    accountId: row.account_id,
    rootFolderId: row.root_folder_id,
    masterAccountName: row.master_account_name,
    createdAt: Number(row.created_at),
  };
}
