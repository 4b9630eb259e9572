import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import type { CoveragePair, DeletionFailure, Job } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { JobOutcome, JobRunner } from '../jobs/runner.js';
import type { ContactService } from './contacts.js';
import type { ResourceDirectory } from './directory.js';
import type { Leases } from './leases.js';

export const DELETION_JOB = 'contact-deletion';

/** The payload of a deletion job. */
interface DeletionJob {
  contactId: string;
}

export type FailReason = DeletionFailure;

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
      if (contact.deletionStatus === 'Deleting') throw new ApiError('ConcurrentCallNotSupported');
      const now = Date.now();
      if (retain) {
        await this.store.transaction(async (tx) => {
          await tx.coverage.retainCoverage(contactId, now);
          await tx.contacts.remove(contactId);
        });
        return 'Deleted';
      }
      const payload: DeletionJob = { contactId };
      await this.store.transaction(async (tx) => {
        await tx.contacts.setDeletionStatus(contactId, 'Deleting');
        // The configured delay keeps the job in the queue, unclaimed, rather than holding a runner's slot.
        await this.jobs.enqueue(DELETION_JOB, contactId, payload, tx, now + this.options.delayMs);
      });
      this.jobs.kick();
      return 'Deleting';
    });
  }

  /** The state of the contact's asynchronous deletion; 404 when the contact is gone or none was asked for. */
  async status(rd: ResourceDirectory, contactId: string): Promise<DeletionStatus> {
    const contact = await this.contacts.require(rd, contactId);
    if (contact.deletionStatus === null) throw new ApiError('EntityNotExists.Contact');
    return {
      contactId,
      status: contact.deletionStatus,
      failReasons: contact.deletionStatus === 'Failed' ? contact.deletionFailures : [],
    };
  }

  /**
   * The deletion job, claimed by whichever node once the configured delay has passed. It checks and acts in
   * one transaction holding the directory's lock, so neither the tree nor another contact's coverage can
   * change in between.
   */
  readonly runJob = async (job: Job): Promise<JobOutcome> => {
    const { contactId } = JSON.parse(job.payload) as DeletionJob;
    const outcome = await this.store.transaction(async (tx) => {
      const contact = await tx.contacts.findById(contactId);
      if (!contact || contact.deletionStatus !== 'Deleting') return 'nothing to do';
      await tx.directories.lockDirectory(contact.directoryId);
      const blockers = await tx.coverage.deletionBlockers(contactId);
      if (blockers.length > 0) {
        await tx.contacts.setDeletionStatus(contactId, 'Failed', groupByAccount(blockers));
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
    const types = byAccount.get(p.accountId) ?? [];
    types.push(p.messageType);
    byAccount.set(p.accountId, types);
  }
  return [...byAccount].map(([accountId, messageTypes]) => ({ accountId, messageTypes }));
}
