import { ContactAdditions } from './contact-additions.js';
import { refusingUsedName } from './contact-names.js';
import { ApiError } from '../errors/api-error.js';
import type { Repositories } from '../store/store.js';
import type { Store } from '../store/store.js';
import type { Channel, ContactChanges as StoredChanges, ContactRecord, ContactWithDetails, PendingVerification } from '../store/records.js';
import type { ResourceDirectory } from './directory.js';
import { distinctMessageTypes } from './contact-rules.js';
import { newId } from '../ids.js';
import type { Leases } from './leases.js';

export type { Channel } from '../store/records.js';

/** A contact as Get and List show it. */
export interface ContactView {
  id: string;
  name: string;
  email: string;
  phone: string;
  title: string;
  messageTypes: string[];
  /** Direct bindings, oldest first, as the caller gave them. */
  members: string[];
  status: 'Verifying' | 'Active' | 'Deleting';
  createdAt: number;
  /** Time of the binding that matched a Member filter, else of the newest binding; undefined without bindings. */
  associatedAt: number | undefined;
}

export interface NewContact {
  name: string;
  email: string;
  phone: string | undefined;
  title: string;
  messageTypes: string[];
}

export interface ContactChanges {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  title?: string | undefined;
  messageTypes?: string[] | undefined;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** One channel of a contact: the shown value, whether it is verified, and the pending target if any. */
export interface ChannelState {
  shown: string | null;
  verified: boolean;
  pending: string | undefined;
}

/** What an Update that gives `given` for a channel does. */
export type ChannelPlan = { kind: 'none' } | { kind: 'pending'; target: string; replaceShown: boolean };

/**
 * Re-sending the verified value, or the value already pending, changes nothing (Terraform re-sends every
 * field). Any other value becomes the pending target; it is also shown when there is no verified value.
 */
export function planChannelUpdate(state: ChannelState, given: string): ChannelPlan {
  if (state.verified && given === state.shown) return { kind: 'none' };
  if (given === state.pending) return { kind: 'none' };
  return { kind: 'pending', target: given, replaceShown: !state.verified };
}

export function channelState(contact: ContactRecord, pending: readonly PendingVerification[], channel: Channel): ChannelState {
  return channel === 'email'
    ? { shown: contact.email, verified: contact.emailVerified, pending: pending.find((p) => p.channel === 'email')?.target }
    : { shown: contact.phone, verified: contact.phoneVerified, pending: pending.find((p) => p.channel === 'sms')?.target };
}

export function shownStatus(contact: Pick<ContactRecord, 'status' | 'deletionStatus'>): ContactView['status'] {
  return contact.deletionStatus === 'Deleting' ? 'Deleting' : contact.status;
}

/** Contacts of a resource directory: create, change, read, and their pending verification records. */
export class ContactService {
  /** AddMessageContact's writes, those waiting for one directory together in one transaction. */
  private readonly additions: ContactAdditions;

  constructor(
    private readonly store: Store,
    private readonly leases: Leases,
    private readonly limits: { maxContactsPerDirectory: number },
  ) {
    this.additions = new ContactAdditions(store, limits.maxContactsPerDirectory);
  }

  /** The contact, or 404 EntityNotExists.Contact (also for a contact of another directory). */
  async require(rd: ResourceDirectory, contactId: string, repos: Repositories = this.store): Promise<ContactRecord> {
    const contact = await repos.contacts.find(rd.id, contactId);
    if (!contact) throw new ApiError('EntityNotExists.Contact');
    return contact;
  }

  /**
   * Adds a contact. The checks are made once, inside the transaction that inserts, under the directory's
   * lock, so concurrent Adds (on any node) never exceed the contact limit; they wait for each other briefly
   * instead of failing. The limit is checked against the count the directory keeps, which taking its lock
   * answers, not by counting its contacts. A used name (already there, or added by a concurrent Add) is
   * refused by the unique index: the insert fails and AlreadyUsed is answered. Additions waiting for the
   * same directory are written together (contact-additions.ts).
   */
  async add(rd: ResourceDirectory, input: NewContact): Promise<{ id: string; createdAt: number }> {
    const now = Date.now();
    const id = newId.contact();
    const pending: PendingVerification[] = [{ contactId: id, channel: 'email', target: input.email, createdAt: now }];
    if (input.phone !== undefined) pending.push({ contactId: id, channel: 'sms', target: input.phone, createdAt: now });
    const contact: ContactRecord = {
      id,
      directoryId: rd.id,
      name: input.name,
      email: input.email,
      emailVerified: false,
      phone: input.phone ?? null,
      phoneVerified: false,
      title: input.title,
      status: 'Verifying',
      deletionStatus: null,
      deletionFailures: [],
      createdAt: now,
    };
    await this.additions.add({ contact, messageTypes: distinctMessageTypes(input.messageTypes), pending });
    return { id, createdAt: now };
  }

  async update(rd: ResourceDirectory, contactId: string, changes: ContactChanges): Promise<void> {
    await this.checkUpdate(rd, contactId, changes);
    await this.leases.contact(rd.id, contactId, async () => {
      await this.checkUpdate(rd, contactId, changes);
      const write = () =>
        this.store.transaction(async (tx) => {
          // Read again inside the transaction: a verification may have completed meanwhile.
          const contact = await this.require(rd, contactId, tx);
          const pending = await tx.contacts.pendingOf(contactId);
          const now = Date.now();
          const row: StoredChanges = {};
          if (changes.name !== undefined && changes.name !== contact.name) row.name = changes.name;
          if (changes.title !== undefined && changes.title !== contact.title) row.title = changes.title;
          for (const [channel, given] of [['email', changes.email], ['sms', changes.phone]] as const) {
            if (given === undefined) continue;
            const plan = planChannelUpdate(channelState(contact, pending, channel), given);
            if (plan.kind === 'none') continue;
            await tx.contacts.setPending({ contactId, channel, target: plan.target, createdAt: now });
            await tx.verifications.voidOthers(contactId, channel, null, now);
            if (plan.replaceShown && channel === 'email') Object.assign(row, { email: plan.target, emailVerified: false });
            if (plan.replaceShown && channel === 'sms') Object.assign(row, { phone: plan.target, phoneVerified: false });
          }
          await tx.contacts.update(contactId, row);
          if (changes.messageTypes !== undefined) {
            const next = distinctMessageTypes(changes.messageTypes);
            const current = (await tx.contacts.messageTypesOf([contactId])).get(contactId)!;
            if (next.length !== current.length || next.some((t, i) => t !== current[i])) {
              // Under the directory's lock, like every change that can take coverage away (see DeletionService.runJob).
              await tx.directories.lockDirectory(rd.id);
              await tx.contacts.replaceMessageTypes(contactId, next);
            }
          }
        });
      if (changes.name !== undefined) await refusingUsedName(this.store, rd.id, changes.name, write, contactId);
      else await write();
    });
  }

  /** The Update checks that need the store, in the order of its error table. */
  private async checkUpdate(rd: ResourceDirectory, contactId: string, changes: ContactChanges): Promise<ContactRecord> {
    if (changes.name !== undefined && (await this.store.contacts.nameUsed(rd.id, changes.name, contactId))) throw new ApiError('InvalidParameter.Name.AlreadyUsed');
    const contact = await this.require(rd, contactId);
    if (contact.deletionStatus === 'Deleting') throw new ApiError('ContactStatusMismatchAction');
    return contact;
  }

  /**
   * Drops a pending email address and/or phone number. Each one given must be the pending target. A
   * never-verified email cannot be cancelled (a contact always keeps an email address to verify); a
   * never-verified phone number is removed with its record.
   */
  async cancelUpdate(rd: ResourceDirectory, contactId: string, targets: { email?: string | undefined; phone?: string | undefined }): Promise<void> {
    await this.checkCancel(rd, contactId, targets);
    await this.leases.contact(rd.id, contactId, async () => {
      await this.checkCancel(rd, contactId, targets);
      await this.store.transaction(async (tx) => {
        const contact = await this.require(rd, contactId, tx);
        const now = Date.now();
        if (targets.email !== undefined) {
          await tx.contacts.dropPending(contactId, 'email', targets.email);
          await tx.verifications.voidOthers(contactId, 'email', null, now);
        }
        if (targets.phone !== undefined) {
          await tx.contacts.dropPending(contactId, 'sms', targets.phone);
          await tx.verifications.voidOthers(contactId, 'sms', null, now);
          if (!contact.phoneVerified) await tx.contacts.update(contactId, { phone: null });
        }
      });
    });
  }

  private async checkCancel(rd: ResourceDirectory, contactId: string, targets: { email?: string | undefined; phone?: string | undefined }): Promise<ContactRecord> {
    const contact = await this.require(rd, contactId);
    const pending = await this.store.contacts.pendingOf(contactId);
    const pendingOf = (channel: Channel) => pending.find((p) => p.channel === channel)?.target;
    const cancellable =
      contact.deletionStatus !== 'Deleting' &&
      (targets.email !== undefined || targets.phone !== undefined) &&
      (targets.email === undefined || (pendingOf('email') === targets.email && contact.emailVerified)) &&
      (targets.phone === undefined || pendingOf('sms') === targets.phone);
    if (!cancellable) throw new ApiError('ContactStatusMismatchAction');
    return contact;
  }

  /** The contact with its message types and bindings (one read), or 404 EntityNotExists.Contact. */
  async get(rd: ResourceDirectory, contactId: string): Promise<ContactView> {
    const found = await this.store.contacts.findWithDetails(rd.id, contactId);
    if (!found) throw new ApiError('EntityNotExists.Contact');
    return viewOf(found);
  }

  /**
   * Contacts of the directory (one contact's, or those bound to a member), paged, leaving out `hidden` ones;
   * the filters must name existing things (the caller checks them).
   */
  async list(rd: ResourceDirectory, filter: { contactId?: string | undefined; memberId?: string | undefined; hidden?: readonly string[] }, page: number, size: number): Promise<Page<ContactView>> {
    const { total, rows } = await this.store.contacts.list(
      {
        directoryId: rd.id,
        ...(filter.contactId !== undefined && { contactId: filter.contactId }),
        ...(filter.memberId !== undefined && { memberId: filter.memberId }),
        ...(filter.hidden !== undefined && { hidden: filter.hidden }),
      },
      (page - 1) * size,
      size,
    );
    return { total, items: rows.map((row) => viewOf(row, filter.memberId)) };
  }

  /** Pending verification records of the directory, or of one contact, leaving out those of `hidden` contacts. */
  async listVerifications(rd: ResourceDirectory, contactId: string | undefined, hidden: readonly string[], page: number, size: number): Promise<Page<{ contactId: string; target: string }>> {
    if (contactId !== undefined) await this.require(rd, contactId);
    const { total, rows } = await this.store.contacts.listPending(rd.id, contactId, hidden, (page - 1) * size, size);
    return { total, items: rows.map((r) => ({ contactId: r.contactId, target: r.target })) };
  }

  /** The IDs of every contact of the directory. */
  idsOf(rd: ResourceDirectory): Promise<string[]> {
    return this.store.contacts.idsIn(rd.id);
  }
}

/** How a contact is shown; with a member filter, AssociatedDate is that member's binding's, else the latest binding's. */
function viewOf({ contact, messageTypes, bindings }: ContactWithDetails, memberFilter?: string): ContactView {
  const matched = memberFilter === undefined ? bindings.at(-1) : bindings.find((b) => b.memberId === memberFilter);
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone: contact.phone ?? '',
    title: contact.title,
    messageTypes,
    members: bindings.map((b) => b.memberId),
    status: shownStatus(contact),
    createdAt: contact.createdAt,
    associatedAt: matched?.createdAt,
  };
}
