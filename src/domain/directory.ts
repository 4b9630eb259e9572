import { ApiError } from '../errors/api-error.js';
import type { Repositories } from '../store/store.js';
import type { Store } from '../store/store.js';
import type { DirectoryRecord } from '../store/records.js';
import { newId } from '../ids.js';

export type ResourceDirectory = DirectoryRecord;

/** The tenant's directory, or 404 EntityNotExists.ResourceDirectory. */
async function requireDirectoryRow(repos: Repositories, tenant: string): Promise<ResourceDirectory> {
  const row = await repos.directories.directoryOf(tenant);
  if (!row) throw new ApiError('EntityNotExists.ResourceDirectory');
  return row;
}

/** The resource directory of a management account (the tenant): enabling, reading and destroying it. */
export class DirectoryService {
  constructor(private readonly store: Store) {}

  /** The caller's directory, or 404 EntityNotExists.ResourceDirectory. */
  async require(accountId: string): Promise<ResourceDirectory> {
    return requireDirectoryRow(this.store, accountId);
  }

  /**
   * The directory the account manages or, for a member account, the directory it belongs to (what
   * GetResourceDirectory answers either); undefined for an account that is neither.
   */
  async findManagedOrJoined(accountId: string): Promise<ResourceDirectory | undefined> {
    return (await this.store.directories.directoryOf(accountId)) ?? (await this.store.directories.directoryOfMember(accountId));
  }

  /** Enables the caller's directory with the caller as management account. */
  async enable(accountId: string, dryRun: boolean): Promise<ResourceDirectory> {
    if (await this.store.accounts.isMemberAccount(accountId)) throw new ApiError('NotSupport.AccountInAnotherResourceDirectory');
    if (await this.store.directories.directoryOf(accountId)) throw new ApiError('EntityAlreadyExists.ResourceDirectory');
    const row: ResourceDirectory = {
      id: newId.directory(),
      accountId,
      rootFolderId: newId.rootFolder(),
      masterAccountName: `${accountId}@rdcontacts.local`,
      createdAt: Date.now(),
    };
    if (!dryRun) {
      try {
        await this.store.transaction((tx) => tx.directories.createDirectory(row, 'Root'));
      } catch (err) {
        // Two concurrent enables: the unique account_id lets one win.
        if (await this.store.directories.directoryOf(accountId)) throw new ApiError('EntityAlreadyExists.ResourceDirectory');
        throw err;
      }
    }
    return row;
  }

  /**
   * Disables the caller's directory. It must hold no member accounts and no folder but Root; the documented
   * folder code (DeleteConflict.Folder.SubFolder: Root still has subfolders) answers the latter.
   */
  async destroy(rd: ResourceDirectory): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      // Read again under the lock: a concurrent destroy may have removed it since the caller resolved it.
      const directory = await requireDirectoryRow(tx, rd.accountId);
      if ((await tx.accounts.countAccounts(directory.id)) > 0) throw new ApiError('DeleteConflict.ResourceDirectory.Account');
      if ((await tx.folders.countFolders(directory.id)) > 1) throw new ApiError('DeleteConflict.Folder.SubFolder');
      // Whatever else belongs to the directory (message contacts) must go in this same transaction.
      await tx.contacts.removeDirectory(directory.id);
      await tx.directories.deleteDirectory(directory);
    });
  }
}
