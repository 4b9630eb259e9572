import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../schema.js';

/** `lower(column) LIKE %keyword%` with LIKE's wildcards in the keyword taken literally (same on SQLite and PostgreSQL). */
export function containsIgnoringCase(column: 'name' | 'display_name' | 'account_name' | 'id', keyword: string) {
  const pattern = '%' + keyword.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  return (_eb: ExpressionBuilder<any, any>) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** EXISTS a tag of the outer row's ID with the key (and value); served by the tags primary key. */
export function hasTag(eb: ExpressionBuilder<Database, any>, resourceId: 'folders.id' | 'accounts.id', tag: { key: string; value: string | undefined }) {
  let tags = eb.selectFrom('tags').select('tags.key').whereRef('tags.resource_id', '=', sql.ref(resourceId)).where('tags.key', '=', tag.key);
  if (tag.value !== undefined) tags = tags.where('tags.value', '=', tag.value);
  return eb.exists(tags);
}
