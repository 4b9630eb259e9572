import { folderPlaces } from '../domain/folders.js';
import type { Repositories } from '../store/store.js';

/**
 * The ResourceDirectoryPaths an ARN needs, each only within the tenant's own directory: undefined for a
 * folder or member that is not there (missing, or another tenant's), or when the tenant has no directory.
 */
export interface TreePaths {
  rootPath(tenant: string): Promise<string | undefined>;
  folderPath(tenant: string, folderId: string): Promise<string | undefined>;
  accountPath(tenant: string, accountId: string): Promise<string | undefined>;
}

/** TreePaths read through the tree's own queries (`rd-…/r-…/fd-…`, and `…/<accountId>` for a member). */
export function treePaths(repos: Repositories): TreePaths {
  const pathOf = async (directoryId: string, folderId: string) => (await folderPlaces(repos, directoryId, [folderId])).get(folderId)?.path;
  return {
    async rootPath(tenant) {
      const directory = await repos.directories.directoryOf(tenant);
      return directory && `${directory.id}/${directory.rootFolderId}`;
    },
    async folderPath(tenant, folderId) {
      const directory = await repos.directories.directoryOf(tenant);
      const folder = directory && (await repos.folders.folderIn(directory.id, folderId));
      return folder && pathOf(folder.directoryId, folder.id);
    },
    async accountPath(tenant, accountId) {
      const directory = await repos.directories.directoryOf(tenant);
      const account = directory && (await repos.accounts.accountIn(directory.id, accountId));
      const folder = account && (await pathOf(account.directoryId, account.folderId));
      return folder && `${folder}/${account.id}`;
    },
  };
}

/** What an action's resources are built from: the caller's account, the parsed parameters, the tree. */
export interface Target {
  accountId: string;
  params: Record<string, unknown>;
  tree: TreePaths;
}

type Builder = (target: Target) => Promise<string[]>;

/**
 * The resource ARN of a request. The region is empty (the service is global), so a policy written with
 * `acs:resourcemanager:*:…` (as the documentation shows) and one written with `acs:resourcemanager::…`
 * both match.
 */
export function arn(accountId: string, resource: string): string {
  return `acs:resourcemanager::${accountId}:${resource}`;
}

const allResources: Builder = async () => ['*'];
const allContacts: Builder = async (t) => [arn(t.accountId, 'messagecontact/*')];
const contact: Builder = async (t) => [arn(t.accountId, `messagecontact/${text(t.params.ContactId)}`)];

/**
 * A folder named by a parameter, by its ResourceDirectoryPath. A folder that is not in the caller's
 * directory (missing, or another tenant's) has no path: its ARN carries the ID as given, so the answer
 * cannot tell another tenant's folder from a missing one.
 */
function folder(param: string): Builder {
  return async (t) => [arn(t.accountId, `folder/${await folderPath(t, text(t.params[param]))}`)];
}

async function folderPath(t: Target, folderId: string): Promise<string> {
  return (await t.tree.folderPath(t.accountId, folderId)) ?? folderId;
}

/** A member account named by a parameter, by its ResourceDirectoryPath (the ID as given when unknown). */
async function accountArn(t: Target, param: string): Promise<string> {
  const id = text(t.params[param]);
  return arn(t.accountId, `account/${(await t.tree.accountPath(t.accountId, id)) ?? id}`);
}

/** The parent folder, or the Root folder when ParentFolderId is left out (nothing when there is no directory). */
const parentOrRoot: Builder = async (t) => {
  if (t.params.ParentFolderId !== undefined) return folder('ParentFolderId')(t);
  return [arn(t.accountId, `folder/${(await t.tree.rootPath(t.accountId)) ?? ''}`)];
};

/** Per action (operations.json `resourceArn`): the resources the request touches. */
export const resourceBuilders: Readonly<Record<string, Builder>> = {
  AddMessageContact: allContacts,
  UpdateMessageContact: contact,
  DeleteMessageContact: contact,
  GetMessageContact: contact,
  ListMessageContacts: allContacts,
  AssociateMembers: allResources,
  DisassociateMembers: allResources,
  SendEmailVerificationForMessageContact: contact,
  SendPhoneVerificationForMessageContact: contact,
  CancelMessageContactUpdate: contact,
  GetMessageContactDeletionStatus: contact,
  ListMessageContactVerifications: contact,
  EnableResourceDirectory: allResources,
  GetResourceDirectory: allResources,
  DestroyResourceDirectory: allResources,
  CreateFolder: folder('ParentFolderId'),
  GetFolder: folder('FolderId'),
  ListFoldersForParent: folder('ParentFolderId'),
  UpdateFolder: folder('FolderId'),
  DeleteFolder: folder('FolderId'),
  CreateResourceAccount: parentOrRoot,
  GetAccount: async (t) => [await accountArn(t, 'AccountId')],
  ListAccounts: async (t) => [arn(t.accountId, 'account/*')],
  ListAccountsForParent: folder('ParentFolderId'),
  MoveAccount: async (t) => [await accountArn(t, 'AccountId'), arn(t.accountId, `folder/${await folderPath(t, text(t.params.DestinationFolderId))}`)],
  ListAncestors: allResources,
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
