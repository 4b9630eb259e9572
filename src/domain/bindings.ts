import { ApiError } from '../errors/api-error.js';
import type { Binding } from '../store/records.js';
import type { Store } from '../store/store.js';
import { memberKindOf } from './contact-rules.js';
import type { ContactService } from './contacts.js';
import type { ResourceDirectory } from './directory.js';
import type { Leases } from './leases.js';

export interface BindingChange {
  memberId: string;
  /** When the binding was made (Associate) or removed (Disassociate). */
  at: number;
}

/**
 * Bindings of contacts to the directory (`rd-`), the Root folder (`r-`), folders (`fd-`) and member
 * accounts. A binding to the directory is a binding to its Root folder: both cover every account.
 */
export class BindingService {
  constructor(
    private readonly store: Store,
    private readonly leases: Leases,
    private readonly contacts: ContactService,
    private readonly limits: { maxMembersPerContact: number },
  ) {}

  /** The IDs among `ids` that name nothing in the caller's directory (by kind: one query each). */
  async unknownMembers(rd: ResourceDirectory, ids: readonly string[]): Promise<string[]> {
    const folders = await this.store.bindings.existingFolders(rd.id, ids.filter((id) => memberKindOf(id) === 'folder'));
    const accounts = await this.store.bindings.existingAccounts(rd.id, ids.filter((id) => memberKindOf(id) === 'account'));
    return ids.filter((id) => {
      switch (memberKindOf(id)) {
        case 'directory':
          return id !== rd.id;
        case 'rootFolder':
          return id !== rd.rootFolderId;
        case 'folder':
          return !folders.has(id);
        case 'account':
          return !accounts.has(id);
        default:
          return true;
      }
    });
  }

  /** 404 EntityNotExists.Member when `id` names nothing in the directory (ListMessageContacts' filter). */
  async requireMember(rd: ResourceDirectory, id: string): Promise<void> {
    if ((await this.unknownMembers(rd, [id])).length > 0) throw new ApiError('EntityNotExists.Member');
  }

  async associate(rd: ResourceDirectory, contactId: string, memberIds: readonly string[]): Promise<BindingChange[]> {
    await this.checkAssociate(rd, contactId, memberIds);
    return this.leases.contact(rd.id, contactId, async () => {
      await this.checkAssociate(rd, contactId, memberIds);
      const now = Date.now();
      await this.store.bindings.bind(memberIds.map((memberId, position) => binding(rd, contactId, memberId, now, position)));
      const bound = (await this.store.bindings.bindingsOf([contactId])).get(contactId)!;
      return memberIds.map((memberId) => ({ memberId, at: bound.find((b) => b.memberId === memberId)?.createdAt ?? now }));
    });
  }

  /** The Associate checks that need the store, in the order of its error table, then the binding quota. */
  private async checkAssociate(rd: ResourceDirectory, contactId: string, memberIds: readonly string[]): Promise<void> {
    if ((await this.unknownMembers(rd, memberIds)).length > 0) throw new ApiError('InvalidMember');
    const contact = await this.contacts.require(rd, contactId);
    if (contact.deletionStatus === 'Deleting') throw new ApiError('ContactStatusMismatchAction');
    const bound = new Set((await this.store.bindings.bindingsOf([contactId])).get(contactId)!.map((b) => b.memberId));
    const added = memberIds.filter((id) => !bound.has(id)).length;
    if (bound.size + added > this.limits.maxMembersPerContact) throw new ApiError('QuotaExceeded.Members');
  }

  /** Removes bindings; a member that is not bound is simply not bound afterwards either. */
  async disassociate(rd: ResourceDirectory, contactId: string, memberIds: readonly string[]): Promise<BindingChange[]> {
    await this.checkDisassociate(rd, contactId, memberIds);
    return this.leases.contact(rd.id, contactId, async () => {
      await this.checkDisassociate(rd, contactId, memberIds);
      const now = Date.now();
      // Under the directory's lock: a deletion job deciding whether this contact still covers an account waits.
      await this.store.transaction(async (tx) => {
        await tx.directories.lockDirectory(rd.id);
        await tx.bindings.unbind(contactId, memberIds);
      });
      return memberIds.map((memberId) => ({ memberId, at: now }));
    });
  }

  private async checkDisassociate(rd: ResourceDirectory, contactId: string, memberIds: readonly string[]): Promise<void> {
    if ((await this.unknownMembers(rd, memberIds)).length > 0) throw new ApiError('InvalidMember');
    const contact = await this.contacts.require(rd, contactId);
    if (contact.deletionStatus === 'Deleting') throw new ApiError('ContactStatusMismatchAction');
  }
}

function binding(rd: ResourceDirectory, contactId: string, memberId: string, now: number, position: number): Binding {
  const kind = memberKindOf(memberId);
  const folderId = kind === 'directory' || kind === 'rootFolder' ? rd.rootFolderId : kind === 'folder' ? memberId : null;
  return {
    contactId,
    memberId,
    directoryId: rd.id,
    folderId,
    accountId: kind === 'account' ? memberId : null,
    createdAt: now,
    position,
  };
}
