import type { TagRecord } from '../store/records.js';

/** Tags of folders and member accounts: given as `Tag.N.Key` / `Tag.N.Value`, kept and returned as given. */

export interface Tag {
  key: string;
  value: string;
}

/** A tag filter of a list: a resource matches when it has the key, with this value if one is given. */
export interface TagFilter {
  key: string;
  value: string | undefined;
}

export const MAX_TAGS = 20;

/**
 * The usual Alibaba Cloud tag rules: at most 20 tags, keys 1-128 characters, not starting with `aliyun` or
 * `acs:` (reserved for the system), values up to 128 characters, no key twice.
 */
export function areValidTags(items: ReadonlyArray<Record<string, string>>): boolean {
  if (items.length > MAX_TAGS) return false;
  const keys = new Set<string>();
  for (const item of items) {
    const key = item.Key ?? '';
    const value = item.Value ?? '';
    if ([...key].length < 1 || [...key].length > 128 || [...value].length > 128) return false;
    if (/^(aliyun|acs:)/i.test(key) || keys.has(key)) return false;
    keys.add(key);
  }
  return true;
}

export function toTags(items: ReadonlyArray<Record<string, string>> | undefined): Tag[] {
  return (items ?? []).map((item) => ({ key: item.Key!, value: item.Value ?? '' }));
}

export function toTagFilters(items: ReadonlyArray<Record<string, string>> | undefined): TagFilter[] {
  return (items ?? []).map((item) => ({ key: item.Key!, value: item.Value === undefined || item.Value === '' ? undefined : item.Value }));
}

/** Stored tag rows grouped by the folder or account they belong to. */
export function tagsByResource(rows: readonly TagRecord[]): Map<string, Tag[]> {
  const out = new Map<string, Tag[]>();
  for (const row of rows) {
    const list = out.get(row.resourceId) ?? [];
    list.push({ key: row.key, value: row.value });
    out.set(row.resourceId, list);
  }
  return out;
}
