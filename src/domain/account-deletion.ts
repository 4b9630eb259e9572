import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import type { JobOutcome, JobRunner } from '../jobs/runner.js';
import type { AccountDeletion, AccountRecord, Job } from '../store/records.js';
import type { Repositories, Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';

export const ACCOUNT_DELETION_JOB = 'account-deletion';

/** The payload of a deletion step: the member. */
interface DeletionStep {
  accountId: string;
}

/** Why a member cannot be deleted: a pre-check's NotAllowReason, a failed deletion's FailReasonList. */
export interface DeletionBlocker {
  checkId: string;
  checkName: string;
  description: string;
}

export interface DeletionCheckResult {
  status: 'PreChecking' | 'PreCheckComplete';
  allowDelete: boolean;
  notAllowReason: DeletionBlocker[];
}

export type { AccountDeletion };

/**
 * Deleting member accounts, as the documented lifecycle: DeleteAccount answers at once and the deletion goes
 * on in durable job steps (they survive a restart): `Checking` (the member is still in its folder), then
 * either `CheckFailed` (nothing changes) or the member leaves the directory at once (its tags, bindings,
 * billing account and retained contacts with it; coverage, derived from the tree, follows) and the deletion
 * is `Deleting`, then `Success`. Each step is enqueued to run RDC_ACCOUNT_DELETION_DELAY after the previous one, so clients can watch the states.
 * The deletion stays readable after the member is gone (Terraform polls it).
 */
export class AccountDeletionService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobRunner,
    private readonly log: Logger,
    private readonly options: { delayMs: number },
  ) {}

  /** CheckAccountDelete: asks for a pre-check of the member; its result is read with checkResult. */
  async check(rd: ResourceDirectory, accountId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      await requireMember(tx, rd, accountId);
      await requireDeletionAllowed(tx, rd);
      if (await beingChecked(tx, rd, accountId)) throw new ApiError('AccountTypeOrStatusMismatch');
      await tx.lifecycle.recordCheck(rd.id, accountId, Date.now());
    });
  }

  /** GetAccountDeletionCheckResult: `PreChecking` for the configured delay, then what the member's deletion would meet. */
  async checkResult(rd: ResourceDirectory, accountId: string): Promise<DeletionCheckResult> {
    await requireMember(this.store, rd, accountId);
    const checkedAt = await this.store.lifecycle.checkedAt(accountId);
    if (checkedAt === undefined) throw new ApiError('EntityNotExists.CheckAccount');
    if (Date.now() < checkedAt + this.options.delayMs) return { status: 'PreChecking', allowDelete: false, notAllowReason: [] };
    const blockers = await deletionBlockers(this.store, accountId);
    return { status: 'PreCheckComplete', allowDelete: blockers.length === 0, notAllowReason: blockers };
  }

  /** DeleteAccount: starts the member's deletion (answered with DeletionType 0: members here have no resources). */
  async delete(rd: ResourceDirectory, accountId: string): Promise<{ deletionType: string }> {
    const now = Date.now();
    await this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      await requireMember(tx, rd, accountId);
      await requireDeletionAllowed(tx, rd);
      if (await beingChecked(tx, rd, accountId)) throw new ApiError('NotSupportedOperation.CheckingAccount');
      await tx.lifecycle.startDeletion({
        accountId,
        directoryId: rd.id,
        managementAccountId: rd.accountId,
        status: 'Checking',
        deletionType: '0',
        failReasons: null,
        createdAt: now,
        deletionTime: null,
      });
      await this.enqueueStep(tx, accountId, now);
    });
    this.jobs.kick();
    return { deletionType: '0' };
  }

  /**
   * GetAccountDeletionStatus, also after the member is gone. A member never asked to be deleted answers 409
   * EntityNotExists.CheckAccount; an ID that is neither a member nor a deleted one, 404 EntityNotExists.Account.
   */
  async status(tenant: string, accountId: string): Promise<AccountDeletion> {
    const deletion = await this.store.lifecycle.deletionOf(tenant, accountId);
    if (deletion) return deletion;
    const rd = await this.store.directories.directoryOf(tenant);
    if (rd && (await this.store.accounts.accountIn(rd.id, accountId))) throw new ApiError('EntityNotExists.CheckAccount');
    throw new ApiError('EntityNotExists.Account');
  }

  /** One step of a deletion: Checking → CheckFailed, or → (the member leaves) Deleting; Deleting → Success. */
  readonly runJob = async (job: Job): Promise<JobOutcome> => {
    const { accountId } = JSON.parse(job.payload) as DeletionStep;
    const outcome = await this.store.transaction(async (tx) => {
      const deletion = await tx.lifecycle.deletionForUpdate(accountId);
      if (deletion?.status === 'Deleting') {
        await tx.lifecycle.setDeletionState(accountId, 'Success', { deletionTime: Date.now() });
        return 'Success';
      }
      if (deletion?.status !== 'Checking') return 'nothing to do';
      await tx.directories.lockDirectory(deletion.directoryId);
      const blockers = await deletionBlockers(tx, accountId);
      if (blockers.length > 0) {
        const reasons = blockers.map((b) => ({ Name: b.checkName, Description: b.description }));
        await tx.lifecycle.setDeletionState(accountId, 'CheckFailed', { failReasons: JSON.stringify(reasons) });
        return 'CheckFailed';
      }
      await tx.bindings.unbindMembers([accountId]);
      await tx.lifecycle.removeAccount(accountId);
      await tx.lifecycle.setDeletionState(accountId, 'Deleting');
      await this.enqueueStep(tx, accountId, Date.now());
      return 'Deleting';
    });
    this.log.info({ job: job.id, accountId, outcome }, 'account deletion');
    if (outcome === 'Deleting') this.jobs.kick();
    return { done: true };
  };

  /** Queues the deletion's next step; it waits in the queue (not in a runner) until the delay is over. */
  private async enqueueStep(tx: Repositories, accountId: string, now: number): Promise<void> {
    const step: DeletionStep = { accountId };
    await this.jobs.enqueue(ACCOUNT_DELETION_JOB, accountId, step, tx, now + this.options.delayMs);
  }
}

/** True while the member's deletion is checked: the only deletion state in which it is still a member (it leaves as it turns Deleting). */
async function beingChecked(repos: Repositories, rd: ResourceDirectory, accountId: string): Promise<boolean> {
  return (await repos.lifecycle.deletionOf(rd.accountId, accountId))?.status === 'Checking';
}

async function requireMember(repos: Repositories, rd: ResourceDirectory, accountId: string): Promise<AccountRecord> {
  const account = await repos.accounts.accountIn(rd.id, accountId);
  if (!account) throw new ApiError('EntityNotExists.Account');
  return account;
}

/** 409 NoLicense.ResourceDirectory unless member deletion is Enabled (SetMemberDeletionPermission). */
async function requireDeletionAllowed(repos: Repositories, rd: ResourceDirectory): Promise<void> {
  if ((await repos.settings.settingsOf(rd.id)).memberDeletionStatus !== 'Enabled') throw new ApiError('NoLicense.ResourceDirectory');
}

/**
 * What keeps a member from being deleted here: paying the bills of other members (they would be left without
 * a billing account). Members here hold no cloud resources, so nothing else can block, and nothing is abandonable.
 */
async function deletionBlockers(repos: Repositories, accountId: string): Promise<DeletionBlocker[]> {
  const paid = await repos.lifecycle.paidBy(accountId);
  if (paid.length === 0) return [];
  return [
    {
      checkId: 'RD_PAYER',
      checkName: 'Resource Directory',
      description: `This account is the billing account of the members ${paid.join(', ')}. Change their billing account first.`,
    },
  ];
}
