import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The nodes serving this store and their heartbeats. */
export class NodeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records that `id` is alive at `now` (the first beat adds it). */
  async beat(id: string, now: number): Promise<void> {
    await this.db
      .insertInto('nodes')
      .values({ id, started_at: now, seen_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: now }))
      .execute();
  }

  /** A node that stops gracefully leaves: its leases are free to take at once. */
  async leave(id: string): Promise<void> {
    await this.db.deleteFrom('nodes').where('id', '=', id).execute();
  }
}
