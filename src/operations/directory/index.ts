import type { Operation } from '../operation.js';
import enableResourceDirectory from './enable-resource-directory.js';
import getResourceDirectory from './get-resource-directory.js';
import destroyResourceDirectory from './destroy-resource-directory.js';
import createFolder from './create-folder.js';
import getFolder from './get-folder.js';
import listFoldersForParent from './list-folders-for-parent.js';
import updateFolder from './update-folder.js';
import deleteFolder from './delete-folder.js';
import listAncestors from './list-ancestors.js';
import createResourceAccount from './create-resource-account.js';
import getAccount from './get-account.js';
import listAccounts from './list-accounts.js';
import listAccountsForParent from './list-accounts-for-parent.js';
import moveAccount from './move-account.js';
import setMemberDeletionPermission from './set-member-deletion-permission.js';
import setMemberDisplayNameSyncStatus from './set-member-display-name-sync-status.js';
import updateAccount from './update-account.js';
import getPayerForAccount from './get-payer-for-account.js';
import updatePayerForAccount from './update-payer-for-account.js';
import tagResources from './tag-resources.js';
import untagResources from './untag-resources.js';
import listTagResources from './list-tag-resources.js';
import checkAccountDelete from './check-account-delete.js';
import getAccountDeletionCheckResult from './get-account-deletion-check-result.js';
import deleteAccount from './delete-account.js';
import getAccountDeletionStatus from './get-account-deletion-status.js';

/** The directory-tree operations. */
export const directoryOperations: Operation<any, any>[] = [
  enableResourceDirectory,
  getResourceDirectory,
  destroyResourceDirectory,
  createFolder,
  getFolder,
  listFoldersForParent,
  updateFolder,
  deleteFolder,
  listAncestors,
  createResourceAccount,
  getAccount,
  listAccounts,
  listAccountsForParent,
  moveAccount,
  setMemberDeletionPermission,
  setMemberDisplayNameSyncStatus,
  updateAccount,
  getPayerForAccount,
  updatePayerForAccount,
  tagResources,
  untagResources,
  listTagResources,
  checkAccountDelete,
  getAccountDeletionCheckResult,
  deleteAccount,
  getAccountDeletionStatus,
];
