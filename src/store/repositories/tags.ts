import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { TagQuery, TagRecord } from '../records.js';

/** Tags of folders and member accounts (the tags table), changed and listed per resource. */
export class TagRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertTags(resourceId: string, tags: ReadonlyArray<{ key: string; value: string }>): Promise<void> {
    if (tags.length === 0) return;
    await this.db
      .insertInto('tags')
      .values(tags.map((t) => ({ resource_id: resourceId, key: t.key, value: t.value })))
      .execute();
  }

  /** The tags of the given folders or accounts, by resource then key. */
  tagsOf(resourceIds: readonly string[]): Promise<TagRecord[]> {
    if (resourceIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('tags').select(['resource_id as resourceId', 'key', 'value']).where('resource_id', 'in', [...new Set(resourceIds)]).orderBy('resource_id').orderBy('key').execute();
  }

  /** Adds tags to a resource; a key it has already takes the new value. */
  async put(resourceId: string, tags: ReadonlyArray<{ key: string; value: string }>): Promise<void> {
    for (const t of tags) {
      await this.db
        .insertInto('tags')
        .values({ resource_id: resourceId, key: t.key, value: t.value })
        .onConflict((oc) => oc.columns(['resource_id', 'key']).doUpdateSet({ value: t.value }))
        .execute();
    }
  }

  /** Removes the given keys of the resources, or all their tags. */
  async remove(resourceIds: readonly string[], keys: readonly string[] | 'all'): Promise<void> {
    if (resourceIds.length === 0 || (keys !== 'all' && keys.length === 0)) return;
    let query = this.db.deleteFrom('tags').where('resource_id', 'in', [...resourceIds]);
    if (keys !== 'all') query = query.where('key', 'in', [...keys]);
    await query.execute();
  }

  /** The keys a resource has. */
  async keysOf(resourceId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('tags').select('key').where('resource_id', '=', resourceId).execute();
    return rows.map((r) => r.key);
  }

  /** One page of tags by resource ID then key, after a (resource, key) position; one row more tells a next page. */
  async list(q: TagQuery, after: { resourceId: string; key: string } | undefined, limit: number): Promise<TagRecord[]> {
    let query = this.db.selectFrom('tags as t');
    query =
      q.kind === 'account'
        ? query.innerJoin('accounts as r', (j) => j.onRef('r.id', '=', 't.resource_id').on('r.directory_id', '=', q.directoryId))
        : query.innerJoin('folders as r', (j) => j.onRef('r.id', '=', 't.resource_id').on('r.directory_id', '=', q.directoryId));
    if (q.resourceIds !== undefined) {
      if (q.resourceIds.length === 0) return [];
      query = query.where('t.resource_id', 'in', [...q.resourceIds]);
    }
    if (q.filters.length > 0) {
      query = query.where((eb) => eb.or(q.filters.map((f) => (f.value === undefined ? eb('t.key', '=', f.key) : eb.and([eb('t.key', '=', f.key), eb('t.value', '=', f.value)])))));
    }
    if (after) {
      query = query.where((eb) => eb.or([eb('t.resource_id', '>', after.resourceId), eb.and([eb('t.resource_id', '=', after.resourceId), eb('t.key', '>', after.key)])]));
    }
    const rows = await query.select(['t.resource_id', 't.key', 't.value']).orderBy('t.resource_id').orderBy('t.key').limit(limit).execute();
    return rows.map((r) => ({ resourceId: r.resource_id, key: r.key, value: r.value }));
  }
}
