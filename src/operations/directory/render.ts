import { treeDate } from '../../domain/dates.js';
import type { LocatedAccount, MemberAccount } from '../../domain/accounts.js';
import type { Tag } from '../../domain/tags.js';

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
  return {
    AccountId: a.id,
    AccountName: a.accountName,
    DeletionStatus: '',
    DisplayName: a.displayName,
    FolderId: a.folderId,
    JoinMethod: a.joinMethod,
    JoinTime: treeDate(a.joinTime),
    ModifyTime: treeDate(a.modifyTime),
    ResourceDirectoryId: a.directoryId,
    Status: a.status,
    Tags: wrappedTags(a.tags),
    Type: a.type,
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
