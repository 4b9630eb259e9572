import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { StoreTraits } from '../traits.js';
import type { CoveragePair, RetainedContact } from '../records.js';

/**
 * Coverage derived from the bindings: a contact covers every account bound directly and every account
 * anywhere below a bound folder (via folder_closure). Coverage is never stored; every question about it is
 * one set-based query over the current tree, so moving an account moves its coverage at once.
 */
export class CoverageRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: StoreTraits,
  ) {}

  /** Every account a contact's bindings reach (with the account's folder), each once. */
  private coveredAccounts(contactId: string) {
    const belowFolders = this.db
      .selectFrom('contact_bindings as b')
      .innerJoin('folder_closure as fc', 'fc.ancestor_id', 'b.folder_id')
      .innerJoin('accounts as a', 'a.folder_id', 'fc.descendant_id')
      .where('b.contact_id', '=', contactId)
      .select(['a.id as account_id', 'a.folder_id as folder_id']);
    const direct = this.db
      .selectFrom('contact_bindings as b')
      .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'b.account_id').onRef('a.directory_id', '=', 'b.directory_id'))
      .where('b.contact_id', '=', contactId)
      .select(['a.id as account_id', 'a.folder_id as folder_id']);
    return belowFolders.union(direct);
  }

  /** The (account, message type) pairs an Active contact covers now; none for a contact that is not Active. */
  coverageOf(contactId: string): Promise<CoveragePair[]> {
    return this.db
      .selectFrom(this.coveredAccounts(contactId).as('cov'))
      .innerJoin('contacts as c', (j) => j.on('c.id', '=', contactId).on('c.status', '=', 'Active'))
      .innerJoin('contact_message_types as mt', 'mt.contact_id', 'c.id')
      .select(['cov.account_id as accountId', 'mt.message_type as messageType'])
      .orderBy('cov.account_id')
      .orderBy('mt.message_type')
      .execute();
  }

  /** The Active contacts that cover an account, per message type (direct bindings or a folder above it). */
  async coveringContacts(accountId: string): Promise<Array<{ contactId: string; messageType: string }>> {
    return this.db
      .selectFrom('accounts as a')
      .innerJoin('contact_bindings as b', (j) =>
        j.on((eb) =>
          eb.or([
            eb('b.account_id', '=', eb.ref('a.id')),
            eb('b.folder_id', 'in', eb.selectFrom('folder_closure as fc').select('fc.ancestor_id').whereRef('fc.descendant_id', '=', 'a.folder_id')),
          ]),
        ),
      )
      .innerJoin('contacts as c', (j) => j.onRef('c.id', '=', 'b.contact_id').on('c.status', '=', 'Active'))
      .innerJoin('contact_message_types as mt', 'mt.contact_id', 'c.id')
      .where('a.id', '=', accountId)
      .select(['c.id as contactId', 'mt.message_type as messageType'])
      .distinct()
      .orderBy('c.id')
      .orderBy('mt.message_type')
      .execute();
  }

  /** True while a contact bound to a folder above the account (or the directory) is being deleted. */
  async unbindingAbove(accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('accounts as a')
      .innerJoin('folder_closure as fc', 'fc.descendant_id', 'a.folder_id')
      .innerJoin('contact_bindings as b', 'b.folder_id', 'fc.ancestor_id')
      .innerJoin('contacts as c', 'c.id', 'b.contact_id')
      .where('a.id', '=', accountId)
      .where('c.deletion_status', '=', 'Deleting')
      .select('c.id')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The (account, message type) pairs for which this contact is the only cover: it covers the pair, and no
   * other Active contact that is not itself being deleted, and no retained member contact, does. One query.
   * What other contacts cover through folders is worked out once per folder (a directory has far fewer
   * folders than accounts), then looked up per covered account.
   */
  async deletionBlockers(contactId: string): Promise<CoveragePair[]> {
    if (!this.traits.transactionPlannerSettings || !this.db.isTransaction) return this.deletionBlockersQuery(contactId);
    // PostgreSQL underestimates how many accounts a folder binding covers (the root folder has every folder
    // below it) and then picks nested-loop or merge anti-joins that grow with the square of the directory:
    // 1 s at 1,000 accounts. Hash joins are right at every size (43 ms at 1,000, 0.8 s at 100,000); with
    // the others disabled the cost estimate passes the JIT threshold, whose compilation adds half a second.
    // The settings are the transaction's own and are put back right after this query.
    const settings = ['enable_nestloop', 'enable_mergejoin', 'jit'];
    const before = await sql<Record<string, string>>`select ${sql.join(settings.map((s) => sql`current_setting(${s}) as ${sql.ref(s)}`))}`.execute(this.db);
    const set = (values: (name: string) => string) => sql`select ${sql.join(settings.map((s) => sql`set_config(${s}, ${values(s)}, true)`))}`.execute(this.db);
    await set(() => 'off');
    const pairs = await this.deletionBlockersQuery(contactId);
    await set((s) => before.rows[0]![s]!);
    return pairs;
  }

  private deletionBlockersQuery(contactId: string): Promise<CoveragePair[]> {
    const otherCover = (eb: ExpressionBuilder<any, any>) =>
      eb.and([
        eb('o.id', '<>', contactId),
        eb('o.status', '=', 'Active'),
        eb.or([eb('o.deletion_status', 'is', null), eb('o.deletion_status', '<>', 'Deleting')]),
      ]);
    return this.db
      .with('other_folder_cover', (db) =>
        db
          .selectFrom('contact_bindings as ob')
          .innerJoin('contacts as o', 'o.id', 'ob.contact_id')
          .innerJoin('contact_message_types as omt', 'omt.contact_id', 'ob.contact_id')
          .innerJoin('folder_closure as fa', 'fa.ancestor_id', 'ob.folder_id')
          .where(otherCover)
          .select(['fa.descendant_id as folder_id', 'omt.message_type'])
          .distinct(),
      )
      .selectFrom(this.coveredAccounts(contactId).as('cov'))
      .innerJoin('contacts as c', (j) => j.on('c.id', '=', contactId).on('c.status', '=', 'Active'))
      .innerJoin('contact_message_types as mt', 'mt.contact_id', 'c.id')
      .select(['cov.account_id as accountId', 'mt.message_type as messageType'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('other_folder_cover as ofc')
              .select('ofc.folder_id')
              .whereRef('ofc.folder_id', '=', 'cov.folder_id')
              .whereRef('ofc.message_type', '=', 'mt.message_type'),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('contact_bindings as ob')
              .innerJoin('contacts as o', 'o.id', 'ob.contact_id')
              .innerJoin('contact_message_types as omt', 'omt.contact_id', 'ob.contact_id')
              .select('ob.contact_id')
              .whereRef('ob.account_id', '=', 'cov.account_id')
              .whereRef('omt.message_type', '=', 'mt.message_type')
              .where(otherCover),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('retained_contacts as r')
              .select('r.account_id')
              .whereRef('r.account_id', '=', 'cov.account_id')
              .whereRef('r.message_type', '=', 'mt.message_type'),
          ),
        ),
      )
      .orderBy('cov.account_id')
      .orderBy('mt.message_type')
      .execute();
  }

  /** Keeps the contact's current coverage as retained member contacts (one INSERT…SELECT). */
  async retainCoverage(contactId: string, now: number): Promise<void> {
    await this.db
      .insertInto('retained_contacts')
      .columns(['account_id', 'message_type', 'source_contact_id', 'directory_id', 'name', 'email', 'phone', 'title', 'retained_at'])
      .expression(
        this.db
          .selectFrom(this.coveredAccounts(contactId).as('cov'))
          .innerJoin('contacts as c', (j) => j.on('c.id', '=', contactId).on('c.status', '=', 'Active'))
          .innerJoin('contact_message_types as mt', 'mt.contact_id', 'c.id')
          .select((eb) => [
            'cov.account_id',
            'mt.message_type',
            'c.id',
            'c.directory_id',
            'c.name',
            'c.email',
            eb.case().when('c.phone_verified', '=', 1).then(eb.ref('c.phone')).else(null).end().as('phone'),
            'c.title',
            eb.cast<number>(eb.val(now), 'bigint').as('retained_at'),
          ]),
      )
      .execute();
  }

  retainedOf(accountId: string): Promise<RetainedContact[]> {
    return this.db
      .selectFrom('retained_contacts')
      .select([
        'account_id as accountId',
        'message_type as messageType',
        'source_contact_id as sourceContactId',
        'directory_id as directoryId',
        'name',
        'email',
        'phone',
        'title',
        'retained_at as retainedAt',
      ]).where('account_id', '=', accountId).orderBy('message_type').orderBy('source_contact_id').execute();
  }

}
