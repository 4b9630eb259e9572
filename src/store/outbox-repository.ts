import type { Kysely } from 'kysely';
import type { Database, OutboxTable } from './schema.js';

export type OutboxRow = OutboxTable;

/** Messages recorded by the outbox delivery, newest last. */
export class OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: OutboxRow): Promise<void> {
    await this.db.insertInto('outbox').values(row).execute();
  }

  /** The messages, oldest first; only those of one contact when `contactId` is given. */
  list(contactId?: string, limit = 100): Promise<OutboxRow[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (contactId !== undefined) q = q.where('contact_id', '=', contactId);
    return q.orderBy('sent_at').orderBy('id').limit(limit).execute();
  }
}
