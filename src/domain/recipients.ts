import { ApiError } from '../errors/api-error.js';
import type { AccountScope, ResolvedRecipient, ScopedAccount } from '../store/records.js';
import type { Repositories } from '../store/store.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';
import { idPattern } from '../ids.js';

/** A contact (or retained member contact) that receives a message type for some accounts, with every route that reaches it. */
export type Recipient = ResolvedRecipient;

/**
 * Who receives a message type for an account, a folder's accounts or the whole directory (DECISIONS.md
 * "Bindings and coverage", plus retained member contacts), and which accounts nobody receives it for.
 */
export class RecipientService {
  constructor(private readonly store: Store) {}

  /** ResolveMessageRecipients: the recipients of one member account of the directory (404 for any other). */
  async resolve(rd: ResourceDirectory, accountId: string, messageType: string): Promise<Recipient[]> {
    if (!(await this.store.accounts.accountIn(rd.id, accountId))) throw new ApiError('EntityNotExists.Account');
    return this.store.recipients.recipients(rd.id, { kind: 'account', accountId }, messageType);
  }

  /** ListUncoveredAccounts: the accounts (of a folder's subtree, or all) with no recipient for the type. */
  async uncovered(rd: ResourceDirectory, folderId: string | undefined, messageType: string, pageNumber: number, pageSize: number): Promise<{ rows: ScopedAccount[]; total: number }> {
    if (folderId !== undefined && !(await this.store.folders.folderIn(rd.id, folderId))) throw new ApiError('EntityNotExists.Folder');
    const scope: AccountScope = folderId === undefined ? { kind: 'directory' } : { kind: 'folder', folderId };
    return this.store.recipients.uncovered(rd.id, scope, messageType, (pageNumber - 1) * pageSize, pageSize);
  }
}

/** The accounts a target ID names in the directory: a member account, a folder (r-, fd-) or the directory (rd-); 404 EntityNotExists.Target otherwise. */
export async function scopeOfTarget(repos: Repositories, rd: ResourceDirectory, targetId: string): Promise<AccountScope> {
  if (targetId === rd.id) return { kind: 'directory' };
  if (idPattern.account.test(targetId) && (await repos.accounts.accountIn(rd.id, targetId))) return { kind: 'account', accountId: targetId };
  if ((idPattern.folder.test(targetId) || idPattern.rootFolder.test(targetId)) && (await repos.folders.folderIn(rd.id, targetId))) return { kind: 'folder', folderId: targetId };
  throw new ApiError('EntityNotExists.Target');
}
