import type { Kysely } from 'kysely';
import type { Database, FolderTable } from '../schema.js';
import { containsIgnoringCase, hasTag } from './filters.js';

export interface FolderQuery {
  parentId: string;
  /** Case-insensitive substring of the folder name. */
  keyword?: string;
  tags: ReadonlyArray<{ key: string; value: string | undefined }>;
}

/** One ancestor of a folder (the folder itself at distance 0). */
export interface AncestorRow {
  descendant_id: string;
  distance: number;
  id: string;
  name: string;
  created_at: number;
}

/**
 * Folders of the directory trees, with their closure (every ancestor, descendant pair): lists and ancestor
 * lookups are single indexed queries, never per-node loops.
 */
export class FolderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a folder and its closure rows: itself at distance 0, and every ancestor of its parent one further. */
  async insertFolder(folder: FolderTable): Promise<void> {
    await this.db.insertInto('folders').values(folder).execute();
    await this.db.insertInto('folder_closure').values({ ancestor_id: folder.id, descendant_id: folder.id, distance: 0 }).execute();
    if (folder.parent_id !== null) {
      await this.db
        .insertInto('folder_closure')
        .columns(['ancestor_id', 'descendant_id', 'distance'])
        .expression((eb) =>
          eb
            .selectFrom('folder_closure')
            .select((s) => ['ancestor_id', s.val(folder.id).as('descendant_id'), s(s.ref('distance'), '+', 1).as('distance')])
            .where('descendant_id', '=', folder.parent_id!),
        )
        .execute();
    }
  }

  /** The folder (Root or below) if it belongs to the directory. */
  folderIn(directoryId: string, folderId: string): Promise<FolderTable | undefined> {
    return this.db.selectFrom('folders').selectAll().where('id', '=', folderId).where('directory_id', '=', directoryId).executeTakeFirst();
  }

  async folderExists(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('folders').select('id').where('id', '=', folderId).executeTakeFirst()) !== undefined;
  }

  async siblingNamed(parentId: string, name: string): Promise<FolderTable | undefined> {
    return this.db.selectFrom('folders').selectAll().where('parent_id', '=', parentId).where('name', '=', name).executeTakeFirst();
  }

  async countFolders(directoryId: string): Promise<number> {
    const row = await this.db.selectFrom('folders').select((eb) => eb.fn.countAll().as('n')).where('directory_id', '=', directoryId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async hasSubfolders(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('folders').select('id').where('parent_id', '=', folderId).limit(1).executeTakeFirst()) !== undefined;
  }

  async renameFolder(folderId: string, name: string): Promise<void> {
    await this.db.updateTable('folders').set({ name }).where('id', '=', folderId).execute();
  }

  /** Deletes a folder without subfolders: its closure rows, its tags and itself. */
  async deleteFolder(folderId: string): Promise<void> {
    await this.db.deleteFrom('folder_closure').where('descendant_id', '=', folderId).execute();
    await this.db.deleteFrom('tags').where('resource_id', '=', folderId).execute();
    await this.db.deleteFrom('folders').where('id', '=', folderId).execute();
  }

  /** Ancestors of each given folder, itself included: grouped by folder, Root (largest distance) first. */
  ancestorsOf(folderIds: readonly string[]): Promise<AncestorRow[]> {
    if (folderIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('folder_closure as c')
      .innerJoin('folders as f', 'f.id', 'c.ancestor_id')
      .select(['c.descendant_id', 'c.distance', 'f.id', 'f.name', 'f.created_at'])
      .where('c.descendant_id', 'in', [...new Set(folderIds)])
      .orderBy('c.descendant_id')
      .orderBy('c.distance', 'desc')
      .execute();
  }

  /** One page of a folder's direct subfolders (by creation time, then ID) and how many match in all. */
  async listSubfolders(q: FolderQuery, offset: number, limit: number): Promise<{ rows: FolderTable[]; total: number }> {
    let query = this.db.selectFrom('folders').where('parent_id', '=', q.parentId);
    if (q.keyword) query = query.where(containsIgnoringCase('name', q.keyword));
    for (const tag of q.tags) query = query.where((eb) => hasTag(eb, 'folders.id', tag));
    const { n } = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const total = Number(n);
    if (offset >= total) return { rows: [], total };
    const rows = await query.selectAll('folders').orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
    return { rows, total };
  }
}
