import { treeDate } from '../../domain/dates.js';
import type { LocatedAccount, MemberAccount } from '../../domain/accounts.js';
import type { ResourceDirectory } from '../../domain/directory.js';
import type { Tag } from '../../domain/tags.js';
import type { Folder } from '../../domain/folders.js';

/** Tags as tree lists show them: wrapped, `{"Tag": [{Key, Value}]}`. */
export function wrappedTags(tags: readonly Tag[]): { Tag: Array<{ Key: string; Value: string }> } {
  return { Tag: plainTags(tags) };
}

/** Tags as a plain array (GetAccount). */
export function plainTags(tags: readonly Tag[]): Array<{ Key: string; Value: string }> {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/** A member account as ListAccountsForParent shows it (ListAccounts adds ResourceDirectoryPath). */
export function listedAccount(a: LocatedAccount): Record<string, unknown> {
  return { ...accountSummary(a), DeletionStatus: '', Tags: wrappedTags(a.tags) };
}

/** A new directory as EnableResourceDirectory and InitResourceDirectory answer it. */
export function enabledDirectory(rd: ResourceDirectory): Record<string, unknown> {
  return {
    CreateTime: treeDate(rd.createdAt),
    MasterAccountId: rd.accountId,
    MasterAccountName: rd.masterAccountName,
    ResourceDirectoryId: rd.id,
    RootFolderId: rd.rootFolderId,
  };
}

/** A member account as CreateResourceAccount and UpdateAccount answer it. */
export function accountSummary(a: MemberAccount): Record<string, unknown> {
  return {
    AccountId: a.id,
    AccountName: a.accountName,
    DisplayName: a.displayName,
    FolderId: a.folderId,
    JoinMethod: a.joinMethod,
    JoinTime: treeDate(a.joinTime),
    ModifyTime: treeDate(a.modifyTime),
    ResourceDirectoryId: a.directoryId,
    Status: a.status,
    Type: a.type,
  };
}

/** A folder as CreateFolder, GetFolder and UpdateFolder answer it (GetFolder adds ResourceDirectoryPath). */
export function folderBody(folder: Folder): Record<string, unknown> {
  return {
    CreateTime: treeDate(folder.createdAt),
    FolderId: folder.id,
    FolderName: folder.name,
    ParentFolderId: folder.parentId ?? '',
  };
}
