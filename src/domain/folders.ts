import { ApiError } from '../errors/api-error.js';
import type { Repositories } from '../store/store.js';
import type { FolderRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';
import { newId } from '../ids.js';
import { tagsByResource, type Tag, type TagFilter } from './tags.js';

/** Folders may nest at most this many levels below Root. */
export const MAX_FOLDER_DEPTH = 5;

export interface Folder {
  id: string;
  /** Undefined for the Root folder. */
  parentId: string | undefined;
  name: string;
  createdAt: number;
}

export interface FolderWithTags extends Folder {
  tags: Tag[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** The folders of a resource directory. A folder of another directory answers exactly as a missing one. */
export class FolderService {
  constructor(
    private readonly store: Store,
    /** Folders per directory, Root not counted (QuotaExceeded.Folder.Count). */
    private readonly maxFolders: number,
  ) {}

  /** Creates a folder under `parentId` (Root when undefined). */
  create(rd: ResourceDirectory, input: { parentId: string | undefined; name: string; tags: Tag[] }): Promise<Folder> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      const parent = await requireFolder(tx, rd.id, input.parentId ?? rd.rootFolderId);
      if (await tx.folders.siblingNamed(parent.id, input.name)) throw new ApiError('InvalidParameter.Folder.Name.AlreadyUsed');
      if (parent.depth >= MAX_FOLDER_DEPTH) throw new ApiError('LimitExceeded.Folder.Depth');
      if ((await tx.folders.countFolders(rd.id)) - 1 >= this.maxFolders) throw new ApiError('QuotaExceeded.Folder.Count');
      const row: FolderRecord = {
        id: await unusedFolderId(tx),
        directoryId: rd.id,
        parentId: parent.id,
        name: input.name,
        depth: parent.depth + 1,
        createdAt: Date.now(),
      };
      await tx.folders.insertFolder(row);
      await tx.tags.insertTags(row.id, input.tags);
      return toFolder(row);
    });
  }

  /** A folder with its ResourceDirectoryPath (`rd-…/r-…/fd-…`). */
  async get(rd: ResourceDirectory, folderId: string): Promise<Folder & { path: string }> {
    const folder = await requireFolder(this.store, rd.id, folderId);
    const places = await folderPlaces(this.store, rd.id, [folder.id]);
    return { ...toFolder(folder), path: places.get(folder.id)!.path };
  }

  /** The folders above `folderId`, Root first, the folder itself excluded. */
  async ancestors(rd: ResourceDirectory, folderId: string): Promise<Folder[]> {
    const folder = await requireFolder(this.store, rd.id, folderId);
    const rows = await this.store.folders.ancestorsOf([folder.id]);
    return rows
      .filter((r) => r.distance > 0)
      .map((r, i, above) => ({ id: r.id, parentId: above[i - 1]?.id, name: r.name, createdAt: r.createdAt }));
  }

  /** One page of the direct subfolders of `parentId` (Root when undefined), with their tags. */
  async listChildren(
    rd: ResourceDirectory,
    query: { parentId: string | undefined; keyword: string | undefined; tags: TagFilter[]; pageNumber: number; pageSize: number },
  ): Promise<Page<FolderWithTags>> {
    const parent = await requireFolder(this.store, rd.id, query.parentId ?? rd.rootFolderId);
    const { rows, total } = await this.store.folders.listSubfolders(
      { parentId: parent.id, keyword: query.keyword, tags: query.tags },
      (query.pageNumber - 1) * query.pageSize,
      query.pageSize,
    );
    const tags = tagsByResource(await this.store.tags.tagsOf(rows.map((r) => r.id)));
    return { items: rows.map((r) => ({ ...toFolder(r), tags: tags.get(r.id) ?? [] })), total };
  }

  /** Renames a folder; its siblings keep unique names. */
  rename(rd: ResourceDirectory, folderId: string, name: string): Promise<Folder> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      const folder = await requireFolder(tx, rd.id, folderId);
      if (folder.parentId !== null) {
        const sibling = await tx.folders.siblingNamed(folder.parentId, name);
        if (sibling && sibling.id !== folder.id) throw new ApiError('InvalidParameter.Folder.Name.AlreadyUsed');
      }
      await tx.folders.renameFolder(folder.id, name);
      return toFolder({ ...folder, name });
    });
  }

  /** Deletes an empty folder (no subfolders, no member accounts). Root cannot be deleted. */
  delete(rd: ResourceDirectory, folderId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      const folder = await requireFolder(tx, rd.id, folderId);
      if (folder.parentId === null) throw new ApiError('InvalidParameter.FolderId');
      if (await tx.folders.hasSubfolders(folder.id)) throw new ApiError('DeleteConflict.Folder.SubFolder');
      if (await tx.accounts.hasAccounts(folder.id)) throw new ApiError('DeleteConflict.Folder.Account');
      // Whatever else refers to the folder (message-contact bindings) must go in this same transaction.
      await tx.bindings.unbindMembers([folder.id]);
      await tx.folders.deleteFolder(folder.id);
    });
  }
}

/** The folder if it is in the directory, else 404 EntityNotExists.Folder. */
export async function requireFolder(repos: Repositories, directoryId: string, folderId: string): Promise<FolderRecord> {
  const folder = await repos.folders.folderIn(directoryId, folderId);
  if (!folder) throw new ApiError('EntityNotExists.Folder');
  return folder;
}

/** Where a folder is: its ResourceDirectoryPath (`rd-…/r-…/fd-…`) and its folder names from Root (`Root/a/b`). */
export interface FolderPlace {
  path: string;
  location: string;
}

/** The place of each folder, from one closure-table query. */
export async function folderPlaces(repos: Repositories, directoryId: string, folderIds: readonly string[]): Promise<Map<string, FolderPlace>> {
  const chains = new Map<string, { ids: string[]; names: string[] }>();
  for (const row of await repos.folders.ancestorsOf(folderIds)) {
    const chain = chains.get(row.descendantId) ?? { ids: [directoryId], names: [] };
    chain.ids.push(row.id);
    chain.names.push(row.name);
    chains.set(row.descendantId, chain);
  }
  return new Map([...chains].map(([id, chain]) => [id, { path: chain.ids.join('/'), location: chain.names.join('/') }]));
}

async function unusedFolderId(repos: Repositories): Promise<string> {
  for (;;) {
    const id = newId.folder();
    if (!(await repos.folders.folderExists(id))) return id;
  }
}

function toFolder(row: FolderRecord): Folder {
  return { id: row.id, parentId: row.parentId ?? undefined, name: row.name, createdAt: row.createdAt };
}
