import type { Operation } from '../operation.js';
import initResourceDirectory from './init-resource-directory.js';
import getResourceDirectory from './get-resource-directory.js';
import destroyResourceDirectory from './destroy-resource-directory.js';
import setMemberDeletionPermission from './set-member-deletion-permission.js';
import enableControlPolicy from './enable-control-policy.js';
import disableControlPolicy from './disable-control-policy.js';
import createFolder from './create-folder.js';
import getFolder from './get-folder.js';
import listFoldersForParent from './list-folders-for-parent.js';
import updateFolder from './update-folder.js';
import deleteFolder from './delete-folder.js';
import listAncestors from './list-ancestors.js';
import createResourceAccount from './create-resource-account.js';
import getAccount from './get-account.js';
import updateAccount from './update-account.js';
import listAccounts from './list-accounts.js';
import listAccountsForParent from './list-accounts-for-parent.js';
import moveAccount from './move-account.js';
import getPayerForAccount from './get-payer-for-account.js';
import tagResources from './tag-resources.js';
import untagResources from './untag-resources.js';
import listTagResources from './list-tag-resources.js';
import checkAccountDelete from './check-account-delete.js';
import getAccountDeletionCheckResult from './get-account-deletion-check-result.js';
import deleteAccount from './delete-account.js';
import getAccountDeletionStatus from './get-account-deletion-status.js';

/** ResourceManager 2020-03-31: the directory, folders and members as Terraform's alicloud provider manages them. */
export const resourceManagerOperations: Operation<any, any>[] = [
  initResourceDirectory,
  getResourceDirectory,
  destroyResourceDirectory,
  setMemberDeletionPermission,
  enableControlPolicy,
  disableControlPolicy,
  createFolder,
  getFolder,
  listFoldersForParent,
  updateFolder,
  deleteFolder,
  listAncestors,
  createResourceAccount,
  getAccount,
  updateAccount,
  listAccounts,
  listAccountsForParent,
  moveAccount,
  getPayerForAccount,
  tagResources,
  untagResources,
  listTagResources,
  checkAccountDelete,
  getAccountDeletionCheckResult,
  deleteAccount,
  getAccountDeletionStatus,
];
