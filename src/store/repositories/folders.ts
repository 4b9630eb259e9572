import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, FolderTable } from '../schema.js';
import type { Ancestor, FolderRecord } from '../records.js';
import { containsIgnoringCase, hasTag } from './filters.js';

export interface FolderQuery {
  parentId: string;
  /** Case-insensitive substring of the folder name. */
  keyword?: string;
  tags: ReadonlyArray<{ key: string; value: string | undefined }>;
}

/**
 * Folders of the directory trees, with their closure (every ancestor, descendant pair): lists and ancestor
 * lookups are single indexed queries, never per-node loops.
 */
export class FolderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts a folder, with its path (its parent's and its own ID), and its closure rows: itself at distance 0,
   * and every ancestor of its parent one further.
   */
  async insertFolder(folder: FolderRecord): Promise<void> {
    const path = folder.parentId === null ? `/${folder.id}/` : sql<string>`(select p.path from folders p where p.id = ${folder.parentId}) || ${folder.id + '/'}`;
    await this.db
      .insertInto('folders')
      .values({ id: folder.id, directory_id: folder.directoryId, parent_id: folder.parentId, name: folder.name, depth: folder.depth, created_at: folder.createdAt, path })
      .execute();
    await this.db.insertInto('folder_closure').values({ ancestor_id: folder.id, descendant_id: folder.id, distance: 0 }).execute();
    if (folder.parentId !== null) {
      await this.db
        .insertInto('folder_closure')
        .columns(['ancestor_id', 'descendant_id', 'distance'])
        .expression((eb) =>
          eb
            .selectFrom('folder_closure')
            .select((s) => ['ancestor_id', s.val(folder.id).as('descendant_id'), s(s.ref('distance'), '+', 1).as('distance')])
            .where('descendant_id', '=', folder.parentId!),
        )
        .execute();
    }
  }

  /** The folder (Root or below) if it belongs to the directory. */
  async folderIn(directoryId: string, folderId: string): Promise<FolderRecord | undefined> {
    const row = await this.db.selectFrom('folders').selectAll().where('id', '=', folderId).where('directory_id', '=', directoryId).executeTakeFirst();
    return row && toFolder(row);
  }

  /** The folder's path, `/<Root ID>/…/<its ID>/` (a prefix of the paths of every folder below it). */
  async pathOf(folderId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('folders').select('path').where('id', '=', folderId).executeTakeFirst();
    return row?.path;
  }

  async folderExists(folderId: string): Promise<boolean> {
    return (await this.db.selectFrom('folders').select('id').where('id', '=', folderId).executeTakeFirst()) !== undefined;
  }

  async siblingNamed(parentId: string, name: string): Promise<FolderRecord | undefined> {
    const row = await this.db.selectFrom('folders').selectAll().where('parent_id', '=', parentId).where('name', '=', name).executeTakeFirst();
    return row && toFolder(row);
  }

  async countFolders(directoryId: string): Promise<number> {
    const row = await this.db.selectFrom('folders').select((eb) => eb.fn.countAll().as('n')).where('directory_id', '=', directoryId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The folders at or below any of the given ones (from the closure). */
  async subtreeIds(folderIds: readonly string[]): Promise<Set<string>> {
    if (folderIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('folder_closure').select('descendant_id').where('ancestor_id', 'in', [...folderIds]).execute();
    return new Set(rows.map((r) => r.descendant_id));
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
  ancestorsOf(folderIds: readonly string[]): Promise<Ancestor[]> {
    if (folderIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('folder_closure as c')
      .innerJoin('folders as f', 'f.id', 'c.ancestor_id')
      .select(['c.descendant_id as descendantId', 'c.distance', 'f.id', 'f.name', 'f.created_at as createdAt'])
      .where('c.descendant_id', 'in', [...new Set(folderIds)])
      .orderBy('c.descendant_id')
      .orderBy('c.distance', 'desc')
      .execute();
  }

  /** One page of a folder's direct subfolders (by creation time, then ID) and how many match in all. */
  async listSubfolders(q: FolderQuery, offset: number, limit: number): Promise<{ rows: FolderRecord[]; total: number }> {
    let query = this.db.selectFrom('folders').where('parent_id', '=', q.parentId);
    if (q.keyword) query = query.where(containsIgnoringCase('name', q.keyword));
    for (const tag of q.tags) query = query.where((eb) => hasTag(eb, 'folders.id', tag));
    const { n } = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const total = Number(n);
    if (offset >= total) return { rows: [], total };
    const rows = await query.selectAll('folders').orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
    return { rows: rows.map(toFolder), total };
  }
}

function toFolder(row: Selectable<FolderTable>): FolderRecord {
  return { id: row.id, directoryId: row.directory_id, parentId: row.parent_id, name: row.name, depth: Number(row.depth), createdAt: Number(row.created_at) };
}
