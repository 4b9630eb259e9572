import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import type { Job } from '../store/job-repository.js';
import type { CoveragePair } from '../store/binding-repository.js';
import type { Store } from '../store/store.js';
import type { JobOutcome, JobRunner } from '../jobs/runner.js';
import type { ContactService } from './contacts.js';
import type { ResourceDirectory } from './directory.js';
import type { Leases } from './leases.js';

export const DELETION_JOB = 'contact-deletion';

/** The payload of a deletion job: the contact, and the earliest time it may be removed. */
interface DeletionJob {
  contactId: string;
  notBefore?: number;
}

export interface FailReason {
  accountId: string;
  messageTypes: string[];
}

export interface DeletionStatus {
  contactId: string;
  status: 'Deleting' | 'Failed';
  failReasons: FailReason[];
}

/**
 * Deleting contacts. Retaining (the default) removes the contact at once and keeps its current coverage
 * as retained member contacts. Not retaining marks it Deleting and leaves the rest to a durable job, which
 * removes it unless some (account, message type) would lose its only cover; then the deletion fails,
 * nothing is removed, and the contact keeps its previous status.
 */
export class DeletionService {
  constructor(
    private readonly store: Store,
    private readonly leases: Leases,
    private readonly contacts: ContactService,
    private readonly jobs: JobRunner,
    private readonly log: Logger,
    private readonly options: { delayMs: number },
  ) {}

  async delete(rd: ResourceDirectory, contactId: string, retain: boolean): Promise<'Deleted' | 'Deleting'> {
    await this.contacts.require(rd, contactId);
    return this.leases.contact(rd.id, contactId, async () => {
      const contact = await this.contacts.require(rd, contactId);
      // A deletion already running: the second one conflicts with it (docs/decisions.md#while-deleting).
      if (contact.deletion_status === 'Deleting') throw new ApiError('ConcurrentCallNotSupported');
      const now = Date.now();
      if (retain) {
        await this.store.transaction(async (tx) => {
          await tx.bindings.retainCoverage(contactId, now);
          await tx.contacts.remove(contactId);
        });
        return 'Deleted';
      }
      const payload: DeletionJob = { contactId, notBefore: now + this.options.delayMs };
      await this.store.transaction(async (tx) => {
        await tx.contacts.setDeletionStatus(contactId, 'Deleting', null);
        await this.jobs.enqueue(DELETION_JOB, contactId, payload, tx, now);
      });
      this.jobs.kick();
      return 'Deleting';
    });
  }

  /** The state of the contact's asynchronous deletion; 404 when the contact is gone or none was asked for. */
  async status(rd: ResourceDirectory, contactId: string): Promise<DeletionStatus> {
    const contact = await this.contacts.require(rd, contactId);
    if (contact.deletion_status === null) throw new ApiError('EntityNotExists.Contact');
    return {
      contactId,
      status: contact.deletion_status,
      failReasons: contact.deletion_status === 'Failed' ? (JSON.parse(contact.deletion_failures ?? '[]') as FailReason[]) : [],
    };
  }

  /**
   * The deletion job. It is claimed at once and keeps the contact Deleting until `notBefore` (the
   * configured delay), on whichever node runs it. Then it checks and acts in one transaction holding the
   * directory's lock, so neither the tree nor another contact's coverage can change in between.
   */
  readonly runJob = async (job: Job, signal?: AbortSignal): Promise<JobOutcome> => {
    const { contactId, notBefore } = JSON.parse(job.payload) as DeletionJob;
    const wait = (notBefore ?? 0) - Date.now();
    if (wait > 0) await sleep(wait, undefined, signal && { signal });
    const outcome = await this.store.transaction(async (tx) => {
      const contact = await tx.contacts.findById(contactId);
      if (!contact || contact.deletion_status !== 'Deleting') return 'nothing to do';
      await tx.directory.lockDirectory(contact.directory_id);
      const blockers = await tx.bindings.deletionBlockers(contactId);
      if (blockers.length > 0) {
        await tx.contacts.setDeletionStatus(contactId, 'Failed', JSON.stringify(groupByAccount(blockers)));
        return `failed for ${blockers.length} (account, message type) pairs`;
      }
      await tx.contacts.remove(contactId);
      return 'removed';
    });
    this.log.info({ job: job.id, contactId, outcome }, 'contact deletion');
    return { done: true };
  };
}

/** FailReasonList entries: one per account, its message types in order. */
export function groupByAccount(pairs: readonly CoveragePair[]): FailReason[] {
  const byAccount = new Map<string, string[]>();
  for (const p of pairs) {
    const types = byAccount.get(p.account_id) ?? [];
    types.push(p.message_type);
    byAccount.set(p.account_id, types);
  }
  return [...byAccount].map(([accountId, messageTypes]) => ({ accountId, messageTypes }));
}
