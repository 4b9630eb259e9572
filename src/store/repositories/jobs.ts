import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database, JobTable } from '../schema.js';
import type { Job, NewJob } from '../records.js';
import type { StoreTraits } from '../traits.js';

/**
 * The durable job queue, shared by every node of a store. A job is claimed by writing a lease (owner, until),
 * so of two nodes racing for one job exactly one wins, and a dead node's job is claimed again once its lease ends.
 */
export class JobRepository {
  constructor(private readonly db: Kysely<Database>, private readonly traits: StoreTraits) {}

  /** Queues a job, to be claimed once `runAfter` has come. */
  async enqueue(job: NewJob): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        subject: job.subject,
        payload: job.payload,
        state: 'ready',
        run_at: job.runAfter,
        lease_owner: null,
        lease_until: null,
        attempts: 0,
        last_error: null,
        created_at: job.createdAt,
      })
      .execute();
  }

  /**
   * Claims one due job of the given kinds for `owner` until `leaseUntil`; undefined when none is due. A job
   * waiting its turn first; else one whose running node let its lease expire (died or stalled): that one is
   * `takenOver`. Each claim is one statement: on PostgreSQL the candidate row is locked with SKIP LOCKED,
   * so nodes claiming at once take different jobs without waiting for each other; SQLite runs one writer
   * at a time anyway.
   */
  async claim(kinds: string[], owner: string, now: number, leaseUntil: number): Promise<(Job & { takenOver: boolean }) | undefined> {
    const waiting = await this.claimOne(kinds, owner, leaseUntil, (eb) => eb.and([eb('state', '=', 'ready'), eb('run_at', '<=', now)]));
    if (waiting) return { ...waiting, takenOver: false };
    const expired = await this.claimOne(kinds, owner, leaseUntil, (eb) => eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)]));
    return expired && { ...expired, takenOver: true };
  }

  private async claimOne(kinds: string[], owner: string, leaseUntil: number, due: (eb: ExpressionBuilder<Database, 'jobs'>) => Expression<SqlBool>): Promise<Job | undefined> {
    const candidate = this.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where(due)
      .orderBy('run_at')
      .limit(1)
      .$if(this.traits.skipLocked, (q) => q.forUpdate().skipLocked());
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', candidate)
      .returningAll()
      .executeTakeFirst();
    return row && toJob(row);
  }

  /** Extends the lease; false when the job is no longer ours (another node took it over). */
  async renew(id: string, owner: string, leaseUntil: number): Promise<boolean> {
    const r = await this.db.updateTable('jobs').set({ lease_until: leaseUntil }).where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async finish(id: string, owner: string, state: 'done' | 'failed', error: string | null = null): Promise<void> {
    await this.db.updateTable('jobs').set({ state, lease_owner: null, lease_until: null, last_error: error }).where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  /** Puts the job back in the queue to run again at `runAt` (a retry with back-off). */
  async retryAt(id: string, owner: string, runAt: number, error: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state: 'ready', run_at: runAt, lease_owner: null, lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /** Jobs not finished yet, waiting or running (the metrics' queue depth; the jobs_ready index). */
  async unfinished(): Promise<number> {
    const row = await this.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['ready', 'running']).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** When the longest-waiting job that is due became due (its run_at); undefined when none is due. */
  async oldestDue(now: number): Promise<number | undefined> {
    const row = await this.db.selectFrom('jobs').select((eb) => eb.fn.min<number>('run_at').as('at')).where('state', '=', 'ready').where('run_at', '<=', now).executeTakeFirst();
    return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
  }

  /** The newest unfinished job of a kind for a subject (e.g. the deletion of one contact). */
  async pending(kind: string, subject: string): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('subject', '=', subject)
      .where('state', 'in', ['ready', 'running'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row && toJob(row);
  }
}

function toJob(row: JobTable): Job {
  return { id: row.id, kind: row.kind, subject: row.subject, payload: row.payload, state: row.state, attempts: Number(row.attempts) };
}
