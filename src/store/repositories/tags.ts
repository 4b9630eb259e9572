import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { TagRecord } from '../records.js';

/** Tags of folders and member accounts. */
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
}
