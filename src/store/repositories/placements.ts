import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The account placement log (migration 015): one row per period a member account spent in one place (its
 * directory, display name, folder and the folder's path), over a range of its directory's placement sequence.
 * A message records the sequence it was published at; its accounts are the placements open at it below its
 * target, so publishing writes no row per account and still answers "as of publishing" afterwards.
 *
 * Every change of an account's place goes through `record`, called by the repositories that change `accounts`
 * rows (AccountRepository: insert, move; AccountLifecycleRepository: rename, removal), so no path can forget it.
 *
 * Ordering, on several PostgreSQL nodes: `record` advances the sequence with an UPDATE of the directory's row,
 * whose lock is held until the change commits, and writes the placements in that same transaction; so
 * sequence numbers are committed in order, each together with its placements. A publish reads the committed
 * sequence S in its transaction: every change numbered up to S is committed then, and any change committing
 * later has a higher number; it only closes placements at that number (until_seq > S) and opens placements
 * after S. Whatever the publish reads later, in any statement, the placements open at S are exactly the
 * accounts as of S: a move racing a publish is wholly before it or wholly after it.
 */
export class PlacementRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The directory's placement sequence as committed (0 for a directory that no longer exists). */
  async sequence(directoryId: string): Promise<number> {
    const row = await this.db.selectFrom('directories').select('placement_seq').where('id', '=', directoryId).executeTakeFirst();
    return Number(row?.placement_seq ?? 0);
  }

  /**
   * Records that the accounts joined, moved, were renamed or left the directory, after their `accounts` rows
   * changed, in the same transaction: advances the directory's sequence (holding its row lock until the
   * commit), closes their open placements at it and opens one at it for each that is still a member, with the
   * display name and folder of its row now; each folder's account count follows (what it lost, then gained).
   */
  async record(directoryId: string, accountIds: readonly string[]): Promise<void> {
    if (accountIds.length === 0) return;
    const [row] = await this.db
      .updateTable('directories')
      .set((eb) => ({ placement_seq: eb('placement_seq', '+', 1) }))
      .where('id', '=', directoryId)
      .returning('placement_seq')
      .execute();
    if (!row) throw new Error(`no directory ${directoryId} for the placements of ${accountIds.length} account(s)`);
    const seq = Number(row.placement_seq);
    const ids = sql.join(accountIds);
    await sql`update account_placements set until_seq = ${seq}, closed_at = ${Date.now()}
               where account_id in (${ids}) and directory_id = ${directoryId} and until_seq is null`.execute(this.db);
    await sql`insert into account_placements (account_id, directory_id, since_seq, until_seq, closed_at, display_name, folder_id, folder_path)
              select a.id, a.directory_id, ${seq}, null, null, a.display_name, a.folder_id, f.path
                from accounts a join folders f on f.id = a.folder_id
               where a.id in (${ids}) and a.directory_id = ${directoryId}`.execute(this.db);
    // Each folder's count: minus the placements closed at this sequence, plus those opened at it, in one
    // UPDATE … FROM (SQLite 3.33+, PostgreSQL) over the placements grouped once.
    await sql`update folders set account_count = account_count + d.n
                from (select p.folder_id, sum(case when p.since_seq = ${seq} then 1 else -1 end) as n from account_placements p
                       where p.account_id in (${ids}) and p.directory_id = ${directoryId} and (p.since_seq = ${seq} or p.until_seq = ${seq})
                       group by p.folder_id) d
               where folders.id = d.folder_id and d.n <> 0`.execute(this.db);
  }
}
