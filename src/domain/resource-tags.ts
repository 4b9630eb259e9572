import { ApiError } from '../errors/api-error.js';
import type { TagRecord } from '../store/records.js';
import type { Repositories, Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';
import { MAX_TAGS, type Tag, type TagFilter } from './tags.js';

/** The resource types TagResources, UntagResources and ListTagResources accept, as they are answered. */
export const TAGGABLE_TYPES = ['Account', 'Folder'] as const;
export type TaggableType = (typeof TAGGABLE_TYPES)[number];

/** The canonical type for a ResourceType parameter (matched ignoring case), or undefined. */
export function taggableType(value: string): TaggableType | undefined {
  return TAGGABLE_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
}

export interface TagPage {
  items: TagRecord[];
  /** Undefined on the last page: clients loop while a NextToken is present. */
  nextToken: string | undefined;
}

/**
 * Tags of member accounts and folders by resource ID (the tagging API of both products), kept in the same
 * tags as CreateFolder's and CreateResourceAccount's. A resource has at most 20 tags.
 */
export class ResourceTagService {
  constructor(private readonly store: Store) {}

  /** Adds or overwrites tags of each resource; a resource that would have more than 20 answers InvalidParameter.Tag. */
  tag(rd: ResourceDirectory, type: TaggableType, resourceIds: readonly string[], tags: readonly Tag[]): Promise<void> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      await requireResources(tx, rd, type, resourceIds);
      for (const id of resourceIds) {
        const keys = new Set([...(await tx.tags.keysOf(id)), ...tags.map((t) => t.key)]);
        if (keys.size > MAX_TAGS) throw new ApiError('InvalidParameter.Tag', { message: `A resource can have at most ${MAX_TAGS} tags; ${id} would have ${keys.size}.` });
        await tx.tags.put(id, tags);
      }
    });
  }

  /** Removes the keys (or every tag) of each resource; a key a resource does not have is simply not there. */
  untag(rd: ResourceDirectory, type: TaggableType, resourceIds: readonly string[], keys: readonly string[] | 'all'): Promise<void> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      await requireResources(tx, rd, type, resourceIds);
      await tx.tags.remove(resourceIds, keys);
    });
  }

  /** One page of tags, by resource ID then key. IDs that name no such resource of the directory list nothing. */
  async list(
    rd: ResourceDirectory,
    query: { type: TaggableType; resourceIds: readonly string[] | undefined; filters: readonly TagFilter[] },
    page: { maxResults: number; nextToken: string | undefined },
  ): Promise<TagPage> {
    const after = page.nextToken === undefined ? undefined : decodeTagToken(page.nextToken);
    const rows = await this.store.tags.list(
      { directoryId: rd.id, kind: query.type === 'Account' ? 'account' : 'folder', resourceIds: query.resourceIds, filters: query.filters },
      after,
      page.maxResults + 1,
    );
    const items = rows.slice(0, page.maxResults);
    const last = items[items.length - 1];
    return { items, nextToken: rows.length > page.maxResults && last ? encodeTagToken(last) : undefined };
  }
}

/** True when `token` is a NextToken of ListTagResources this server could have issued. */
export function isValidTagToken(token: string): boolean {
  return decodeTagToken(token) !== undefined;
}

function encodeTagToken(position: { resourceId: string; key: string }): string {
  return Buffer.from(JSON.stringify([position.resourceId, position.key])).toString('base64url');
}

function decodeTagToken(token: string): { resourceId: string; key: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { resourceId: value[0], key: value[1] };
  } catch {
    // not one of ours
  }
  return undefined;
}

/** 404 EntityNotExists.Account / EntityNotExists.Folder for the first ID that is not such a resource of the directory. */
async function requireResources(repos: Repositories, rd: ResourceDirectory, type: TaggableType, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const found = type === 'Account' ? await repos.accounts.accountIn(rd.id, id) : await repos.folders.folderIn(rd.id, id);
    if (!found) throw new ApiError(type === 'Account' ? 'EntityNotExists.Account' : 'EntityNotExists.Folder');
  }
}
