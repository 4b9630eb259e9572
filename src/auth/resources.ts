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

/** Builds one resource ARN of a request. Operations declare theirs from the builders below. */
export type ResourceBuilder = (target: Target) => Promise<string>;

/**
 * The resource ARN of a request. The region is empty (the service is global), so a policy written with
 * `acs:resourcemanager:*:…` (as the documentation shows) and one written with `acs:resourcemanager::…`
 * both match.
 */
export function arn(accountId: string, resource: string): string {
  return `acs:resourcemanager::${accountId}:${resource}`;
}

/** Every resource (`*`): the action is not about one resource. */
export const anyResource: ResourceBuilder = async () => '*';

/** Every message contact of the caller's account. */
export const allContacts: ResourceBuilder = async (t) => arn(t.accountId, 'messagecontact/*');

/** The message contact named by ContactId. */
export const contact: ResourceBuilder = async (t) => arn(t.accountId, `messagecontact/${text(t.params.ContactId)}`);

/** Every member account of the caller's directory. */
export const allAccounts: ResourceBuilder = async (t) => arn(t.accountId, 'account/*');

/**
 * A folder named by a parameter, by its ResourceDirectoryPath. A folder that is not in the caller's
 * directory (missing, or another tenant's) has no path: its ARN carries the ID as given, so the answer
 * cannot tell another tenant's folder from a missing one.
 */
export function folder(param: string): ResourceBuilder {
  return async (t) => {
    const id = text(t.params[param]);
    return arn(t.accountId, `folder/${(await t.tree.folderPath(t.accountId, id)) ?? id}`);
  };
}

/** A member account named by a parameter, by its ResourceDirectoryPath (the ID as given when unknown). */
export function account(param: string): ResourceBuilder {
  return async (t) => {
    const id = text(t.params[param]);
    return arn(t.accountId, `account/${(await t.tree.accountPath(t.accountId, id)) ?? id}`);
  };
}

/** The parent folder, or the Root folder when ParentFolderId is left out (an empty path when there is no directory). */
export const parentOrRoot: ResourceBuilder = async (t) => {
  if (t.params.ParentFolderId !== undefined) return folder('ParentFolderId')(t);
  return arn(t.accountId, `folder/${(await t.tree.rootPath(t.accountId)) ?? ''}`);
};

/** The ARNs of a request: one per builder, in order. */
export function resourcesOf(builders: readonly ResourceBuilder[], target: Target): Promise<string[]> {
  return Promise.all(builders.map((build) => build(target)));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
