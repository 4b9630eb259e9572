import { ApiError } from '../errors/api-error.js';
import type { Repositories } from '../store/store.js';
import type { AccountRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';
import { folderPlaces, requireFolder, type Page } from './folders.js';
import { base62, newId } from '../ids.js';
import { tagsByResource, type Tag, type TagFilter } from './tags.js';
import { memberAccountName } from './tree-names.js';

/** A member account of a resource directory. Accounts created here are resource accounts. */
export type MemberAccount = AccountRecord;

/** A member account with where it is and its tags. */
export interface LocatedAccount extends MemberAccount {
  /** ResourceDirectoryPath: `rd-…/r-…/fd-…/<accountId>`. */
  path: string;
  /** The names of its folders from Root: `Root/a/b`. */
  location: string;
  /** Empty unless tags were asked for. */
  tags: Tag[];
}

export interface NewAccount {
  displayName: string;
  /** Root when undefined. */
  parentId: string | undefined;
  /** Random when undefined. */
  accountNamePrefix: string | undefined;
  payerAccountId: string | undefined;
  resellAccountType: string | undefined;
  tags: Tag[];
  dryRun: boolean;
}

export interface AccountFilter {
  keyword: string | undefined;
  tags: TagFilter[];
  includeTags: boolean;
}

/** PageNumber paging, or token paging (a page after the position a NextToken names). */
export type AccountPaging = { pageNumber: number; pageSize: number } | { maxResults: number; nextToken: string | undefined };

/** Where token paging resumes: after this account in (join time, ID) order. */
interface Cursor {
  joinTime: number;
  id: string;
}

/** The member accounts of a resource directory. An account of another tenant answers exactly as a missing one. */
export class AccountService {
  constructor(
    private readonly store: Store,
    /** RDC_MAX_ACCOUNTS_PER_DIRECTORY (LimitExceeded.Account). */
    private readonly maxAccounts: number,
  ) {}

  /** Creates a resource account in `parentId` (Root when undefined). With dryRun, checks only. */
  create(rd: ResourceDirectory, input: NewAccount): Promise<MemberAccount> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      const folder = await requireFolder(tx, rd.id, input.parentId ?? rd.rootFolderId);
      if ((await tx.accounts.countAccounts(rd.id)) >= this.maxAccounts) throw new ApiError('LimitExceeded.Account');
      if (await tx.accounts.accountWithDisplayName(rd.id, input.displayName)) throw new ApiError('InvalidParameter.Account.DisplayName.AlreadyUsed');
      const accountName = input.accountNamePrefix === undefined ? await unusedAccountName(tx, rd.id) : memberAccountName(input.accountNamePrefix, rd.id);
      if (await tx.accounts.accountWithName(accountName)) throw new ApiError('EntityAlreadyExists.ResourceDirectory.Account');
      // The payer must be the management account or a member of this directory.
      const payer = input.payerAccountId;
      if (payer !== undefined && payer !== rd.accountId && !(await tx.accounts.accountIn(rd.id, payer))) {
        throw new ApiError('NotSupport.PayerAccountInAnotherResourceDirectory');
      }
      // Choosing the resell type is for international resellers only; no caller here is one.
      if (input.resellAccountType !== undefined) throw new ApiError('NotSupport.SettingResellAccountType');
      const now = Date.now();
      const row: AccountRecord = {
        id: await unusedAccountId(tx),
        directoryId: rd.id,
        folderId: folder.id,
        displayName: input.displayName,
        accountName: accountName,
        type: 'ResourceAccount',
        status: 'CreateSuccess',
        joinMethod: 'created',
        joinTime: now,
        modifyTime: now,
      };
      if (!input.dryRun) {
        await tx.accounts.insertAccount(row);
        await tx.tags.insertTags(row.id, input.tags);
      }
      return row;
    });
  }

  /** One member account with its path; its tags when asked for. */
  async get(tenant: string, accountId: string, includeTags: boolean): Promise<LocatedAccount> {
    const account = await findAccount(this.store, tenant, accountId);
    if (!account) throw new ApiError('EntityNotExists.Account');
    const [located] = await this.locate([account], includeTags);
    return located!;
  }

  /** Moves a member account to another folder of the same directory. */
  move(tenant: string, accountId: string, destinationFolderId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      const account = await findAccount(tx, tenant, accountId);
      if (!account) throw new ApiError('EntityNotExists.Account');
      await tx.directories.lockDirectory(account.directoryId);
      const destination = await requireFolder(tx, account.directoryId, destinationFolderId);
      if (destination.id === account.folderId) return;
      // A member cannot move while a contact is being unbound from one of its parent folders (DOC-GUIDE). No
      // code is documented for it; 429 ConcurrentCallNotSupported makes Terraform wait and retry, as the guide
      // tells people to (docs/decisions.md).
      if (await tx.coverage.unbindingAbove(account.id)) throw new ApiError('ConcurrentCallNotSupported');
      // Message-contact coverage is derived from the account's folder, so it follows the move at once.
      await tx.accounts.moveAccount(account.id, destination.id, Date.now());
    });
  }

  /** Every member account of the directory, filtered and paged; with NextToken when token paging is used. */
  async list(rd: ResourceDirectory, filter: AccountFilter, paging: AccountPaging): Promise<Page<LocatedAccount> & { nextToken: string }> {
    return this.page({ directoryId: rd.id, keyword: filter.keyword, tags: filter.tags }, filter.includeTags, paging);
  }

  /** The member accounts directly in `parentId` (Root when undefined), filtered and paged. */
  async listInFolder(rd: ResourceDirectory, parentId: string | undefined, filter: AccountFilter, paging: { pageNumber: number; pageSize: number }): Promise<Page<LocatedAccount>> {
    const folder = await requireFolder(this.store, rd.id, parentId ?? rd.rootFolderId);
    return this.page({ directoryId: rd.id, folderId: folder.id, keyword: filter.keyword, tags: filter.tags }, filter.includeTags, paging);
  }

  private async page(
    query: { directoryId: string; folderId?: string; keyword: string | undefined; tags: TagFilter[] },
    includeTags: boolean,
    paging: AccountPaging,
  ): Promise<Page<LocatedAccount> & { nextToken: string }> {
    if ('pageNumber' in paging) {
      const { rows, total } = await this.store.accounts.listAccounts(query, { offset: (paging.pageNumber - 1) * paging.pageSize }, paging.pageSize);
      return { items: await this.locate(rows, includeTags), total, nextToken: '' };
    }
    const after = paging.nextToken === undefined ? { joinTime: -1, id: '' } : decodeNextToken(paging.nextToken)!;
    // One row more than asked tells whether another page follows.
    const { rows, total } = await this.store.accounts.listAccounts(query, { after }, paging.maxResults + 1);
    const more = rows.length > paging.maxResults;
    const shown = rows.slice(0, paging.maxResults);
    const last = shown[shown.length - 1];
    return { items: await this.locate(shown, includeTags), total, nextToken: more && last ? encodeNextToken({ joinTime: last.joinTime, id: last.id }) : '' };
  }

  /** Adds places (one closure query for all) and, when asked, tags (one query for all). */
  private async locate(rows: readonly AccountRecord[], includeTags: boolean): Promise<LocatedAccount[]> {
    if (rows.length === 0) return [];
    const places = await folderPlaces(this.store, rows[0]!.directoryId, rows.map((r) => r.folderId));
    const tags = includeTags ? tagsByResource(await this.store.tags.tagsOf(rows.map((r) => r.id))) : new Map<string, Tag[]>();
    return rows.map((r) => {
      const place = places.get(r.folderId)!;
      return { ...r, path: `${place.path}/${r.id}`, location: place.location, tags: tags.get(r.id) ?? [] };
    });
  }
}

/** True when `token` is a NextToken this server could have issued. */
export function isValidNextToken(token: string): boolean {
  return decodeNextToken(token) !== undefined;
}

function encodeNextToken(cursor: Cursor): string {
  return Buffer.from(`${cursor.joinTime}:${cursor.id}`).toString('base64url');
}

function decodeNextToken(token: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return undefined;
  const m = /^(\d{1,15}):(\d{16})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? { joinTime: Number(m[1]), id: m[2]! } : undefined;
}

/** The tenant's member account, or undefined (no directory, no such account, or another tenant's). */
async function findAccount(repos: Repositories, tenant: string, accountId: string): Promise<AccountRecord | undefined> {
  const directory = await repos.directories.directoryOf(tenant);
  return directory && repos.accounts.accountIn(directory.id, accountId);
}

async function unusedAccountId(repos: Repositories): Promise<string> {
  for (;;) {
    const id = newId.account();
    if (!(await repos.directories.accountIdTaken(id))) return id;
  }
}

async function unusedAccountName(repos: Repositories, directoryId: string): Promise<string> {
  for (;;) {
    const name = memberAccountName(base62(12), directoryId);
    if (!(await repos.accounts.accountWithName(name))) return name;
  }
}
