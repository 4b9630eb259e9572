import { ApiError } from '../errors/api-error.js';
import type { AccountScope, RouteRecord, RouteType, ScopedAccount } from '../store/records.js';
import type { Repositories } from '../store/store.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';
import { idPattern } from '../ids.js';

/** A contact (or retained member contact) that receives a message type for some accounts. */
export interface Recipient {
  contactId: string;
  name: string;
  title: string;
  /** Verified targets only: '' when there is none. */
  email: string;
  phone: string;
  /** Every route that reaches it, each once. */
  via: Array<{ type: RouteType; id: string }>;
  /** The accounts (of those asked about) it covers, by ID. */
  accountIds: string[];
}

/**
 * Who receives a message type for an account, a folder's accounts or the whole directory (DECISIONS.md
 * "Bindings and coverage", plus retained member contacts), and which accounts nobody receives it for.
 */
export class RecipientService {
  constructor(private readonly store: Store) {}

  /** ResolveMessageRecipients: the recipients of one member account of the directory (404 for any other). */
  async resolve(rd: ResourceDirectory, accountId: string, messageType: string): Promise<Recipient[]> {
    if (!(await this.store.accounts.accountIn(rd.id, accountId))) throw new ApiError('EntityNotExists.Account');
    return recipientsOf(await this.store.recipients.routes(rd.id, { kind: 'account', accountId }, messageType));
  }

  /** ListUncoveredAccounts: the accounts (of a folder's subtree, or all) with no recipient for the type. */
  async uncovered(rd: ResourceDirectory, folderId: string | undefined, messageType: string, pageNumber: number, pageSize: number): Promise<{ rows: ScopedAccount[]; total: number }> {
    if (folderId !== undefined && !(await this.store.folders.folderIn(rd.id, folderId))) throw new ApiError('EntityNotExists.Folder');
    const scope: AccountScope = folderId === undefined ? { kind: 'directory' } : { kind: 'folder', folderId };
    return this.store.recipients.uncovered(rd.id, scope, messageType, (pageNumber - 1) * pageSize, pageSize);
  }
}

/** The accounts a target ID names in the directory: a member account, a folder (r-, fd-) or the directory (rd-); 404 EntityNotExists.Target otherwise. */
export async function scopeOfTarget(repos: Repositories, rd: ResourceDirectory, targetId: string): Promise<AccountScope> {
  if (targetId === rd.id) return { kind: 'directory' };
  if (idPattern.account.test(targetId) && (await repos.accounts.accountIn(rd.id, targetId))) return { kind: 'account', accountId: targetId };
  if ((idPattern.folder.test(targetId) || idPattern.rootFolder.test(targetId)) && (await repos.folders.folderIn(rd.id, targetId))) return { kind: 'folder', folderId: targetId };
  throw new ApiError('EntityNotExists.Target');
}

/** Groups routes (ordered by account, contact) into recipients, by contact ID. */
export function recipientsOf(routes: readonly RouteRecord[]): Recipient[] {
  const byContact = new Map<string, Recipient & { seenVia: Set<string>; seenAccounts: Set<string> }>();
  for (const r of routes) {
    let recipient = byContact.get(r.contactId);
    if (!recipient) {
      recipient = { contactId: r.contactId, name: r.name, title: r.title, email: r.email, phone: r.phone, via: [], accountIds: [], seenVia: new Set(), seenAccounts: new Set() };
      byContact.set(r.contactId, recipient);
    }
    const via = `${r.viaType} ${r.viaId}`;
    if (!recipient.seenVia.has(via)) {
      recipient.seenVia.add(via);
      recipient.via.push({ type: r.viaType, id: r.viaId });
    }
    if (!recipient.seenAccounts.has(r.accountId)) {
      recipient.seenAccounts.add(r.accountId);
      recipient.accountIds.push(r.accountId);
    }
  }
  return [...byContact.values()]
    .sort((a, b) => (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0))
    .map(({ seenVia: _v, seenAccounts: _a, ...recipient }) => recipient);
}
