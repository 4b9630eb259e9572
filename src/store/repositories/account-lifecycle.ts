import type { Kysely } from 'kysely';
import type { AccountDeletionTable, Database } from '../schema.js';
import type { AccountDeletion, DeletionState } from '../records.js';
import { PlacementRepository } from './placements.js';

/**
 * What happens to a member account besides the tree: its billing account, its display name,
 * its deletion pre-checks and deletions, and its removal from the directory.
 */
export class AccountLifecycleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // --- billing accounts ---

  /** The member's billing account, or undefined when it settles its own bills. */
  async payerOf(accountId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('account_payers').select('payer_account_id').where('account_id', '=', accountId).executeTakeFirst();
    return row?.payer_account_id;
  }

  async setPayer(directoryId: string, accountId: string, payerAccountId: string): Promise<void> {
    await this.db
      .insertInto('account_payers')
      .values({ account_id: accountId, directory_id: directoryId, payer_account_id: payerAccountId })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ payer_account_id: payerAccountId }))
      .execute();
  }

  /** The other members this account pays for. */
  async paidBy(accountId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('account_payers').select('account_id').where('payer_account_id', '=', accountId).where('account_id', '<>', accountId).orderBy('account_id').execute();
    return rows.map((r) => r.account_id);
  }

  // --- changes ---

  /** Changes a member's display name and records its new placement (call inside a transaction). */
  async rename(accountId: string, displayName: string, modifyTime: number): Promise<void> {
    const [renamed] = await this.db.updateTable('accounts').set({ display_name: displayName, modify_time: modifyTime }).where('id', '=', accountId).returning('directory_id').execute();
    if (renamed) await new PlacementRepository(this.db).record(renamed.directory_id, [accountId]);
  }

  // --- deletion pre-checks ---

  async recordCheck(directoryId: string, accountId: string, at: number): Promise<void> {
    await this.db
      .insertInto('account_deletion_checks')
      .values({ account_id: accountId, directory_id: directoryId, created_at: at })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ created_at: at }))
      .execute();
  }

  /** When the member's last pre-check was asked for, if one was. */
  async checkedAt(accountId: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('account_deletion_checks').select('created_at').where('account_id', '=', accountId).executeTakeFirst();
    return row === undefined ? undefined : Number(row.created_at);
  }

  // --- deletions ---

  /** The member's deletion, asked by this management account. */
  async deletionOf(managementAccountId: string, accountId: string): Promise<AccountDeletion | undefined> {
    const row = await this.db
      .selectFrom('account_deletions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('management_account_id', '=', managementAccountId)
      .executeTakeFirst();
    return row && toDeletion(row);
  }

  /** Starts (or starts again, after a failed one) the member's deletion. */
  async startDeletion(d: AccountDeletion): Promise<void> {
    const row: AccountDeletionTable = {
      account_id: d.accountId,
      directory_id: d.directoryId,
      management_account_id: d.managementAccountId,
      status: d.status,
      deletion_type: d.deletionType,
      fail_reasons: d.failReasons,
      created_at: d.createdAt,
      deletion_time: d.deletionTime,
    };
    await this.db
      .insertInto('account_deletions')
      .values(row)
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ status: row.status, fail_reasons: null, created_at: row.created_at, deletion_time: null }))
      .execute();
  }

  async setDeletionState(accountId: string, status: DeletionState, changes: { failReasons?: string; deletionTime?: number } = {}): Promise<void> {
    await this.db
      .updateTable('account_deletions')
      .set({ status, ...(changes.failReasons !== undefined ? { fail_reasons: changes.failReasons } : {}), ...(changes.deletionTime !== undefined ? { deletion_time: changes.deletionTime } : {}) })
      .where('account_id', '=', accountId)
      .execute();
  }

  /** Locks the deletion row for the rest of the transaction and reads it (the deletion job's step). */
  async deletionForUpdate(accountId: string): Promise<AccountDeletion | undefined> {
    await this.db.updateTable('account_deletions').set((eb) => ({ status: eb.ref('status') })).where('account_id', '=', accountId).execute();
    const row = await this.db.selectFrom('account_deletions').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return row && toDeletion(row);
  }

  /** Forgets the deletions, pre-checks and billing accounts of a directory that is destroyed. */
  async removeDirectory(directoryId: string): Promise<void> {
    await this.db.deleteFrom('account_deletions').where('directory_id', '=', directoryId).execute();
    await this.db.deleteFrom('account_deletion_checks').where('directory_id', '=', directoryId).execute();
    await this.db.deleteFrom('account_payers').where('directory_id', '=', directoryId).execute();
  }

  // --- removal ---

  /**
   * Takes a member out of its directory: the account, its tags, its billing account and pre-check, and the
   * contacts it retained; its placement closes. Bindings to it are the binding repository's (same transaction).
   */
  async removeAccount(accountId: string): Promise<void> {
    await this.db.deleteFrom('retained_contacts').where('account_id', '=', accountId).execute();
    await this.db.deleteFrom('account_payers').where('account_id', '=', accountId).execute();
    await this.db.deleteFrom('account_deletion_checks').where('account_id', '=', accountId).execute();
    await this.db.deleteFrom('tags').where('resource_id', '=', accountId).execute();
    const [removed] = await this.db.deleteFrom('accounts').where('id', '=', accountId).returning('directory_id').execute();
    if (removed) await new PlacementRepository(this.db).record(removed.directory_id, [accountId]);
  }
}

function toDeletion(row: AccountDeletionTable): AccountDeletion {
  return {
    accountId: row.account_id,
    directoryId: row.directory_id,
    managementAccountId: row.management_account_id,
    status: row.status,
    deletionType: row.deletion_type,
    failReasons: row.fail_reasons,
    createdAt: Number(row.created_at),
    deletionTime: row.deletion_time === null ? null : Number(row.deletion_time),
  };
}
