import { ApiError } from '../errors/api-error.js';
import type { Repositories, Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';

/** A member's billing account; both empty when the member settles its own bills. */
export interface Payer {
  payerAccountId: string;
  payerAccountName: string;
}

/**
 * Who pays a member's bills: the management account or another member of the same directory, chosen at
 * CreateResourceAccount or by UpdatePayerForAccount. Nothing is billed here; the relation is only kept.
 */
export class PayerService {
  constructor(private readonly store: Store) {}

  /** The billing account of a member of the caller's directory (404 EntityNotExists.Account otherwise). */
  async payerOf(rd: ResourceDirectory, accountId: string): Promise<Payer> {
    if (!(await this.store.accounts.accountIn(rd.id, accountId))) throw new ApiError('EntityNotExists.Account');
    const payer = await this.store.lifecycle.payerOf(accountId);
    if (payer === undefined) return { payerAccountId: '', payerAccountName: '' };
    return { payerAccountId: payer, payerAccountName: await nameOf(this.store, rd, payer) };
  }

  /** Makes `payerAccountId` (the management account or a member) pay for the member. */
  update(rd: ResourceDirectory, accountId: string, payerAccountId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      if (!(await tx.accounts.accountIn(rd.id, accountId))) throw new ApiError('EntityNotExists.Account');
      await requirePayerIn(tx, rd, payerAccountId);
      await tx.lifecycle.setPayer(rd.id, accountId, payerAccountId);
    });
  }
}

/** 409 NotSupport.PayerAccountInAnotherResourceDirectory unless the payer is the management account or a member. */
export async function requirePayerIn(repos: Repositories, rd: ResourceDirectory, payerAccountId: string): Promise<void> {
  if (payerAccountId !== rd.accountId && !(await repos.accounts.accountIn(rd.id, payerAccountId))) {
    throw new ApiError('NotSupport.PayerAccountInAnotherResourceDirectory');
  }
}

/** The management account's name, or a member's display name. */
async function nameOf(repos: Repositories, rd: ResourceDirectory, accountId: string): Promise<string> {
  if (accountId === rd.accountId) return rd.masterAccountName;
  return (await repos.accounts.accountIn(rd.id, accountId))?.displayName ?? '';
}
