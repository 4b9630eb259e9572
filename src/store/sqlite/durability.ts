import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Runs `work` on the store's one SQLite connection with synchronous=NORMAL, then restores FULL. For
 * bookkeeping whose loss in a power cut is harmless (leases, which expire; nonce batches, see nonces.ts): in
 * WAL mode such a commit is not flushed to disk by itself, but it is ordered before, and flushed with, the
 * next durable commit (a FULL one, or the group commit's flush of the WAL: wal-sync.ts), so user data written
 * with FULL stays durable and nothing reorders. A process crash loses nothing (the WAL is in the OS cache);
 * only a power or kernel failure can drop these writes. Holding the connection (Kysely's SQLite driver
 * serialises its use) keeps Kysely's other queries out while the setting is relaxed; an audit batch written
 * at once between two of `work`'s statements (audit-append.ts) sets FULL again when it ends, which only
 * makes the rest of `work` durable by itself.
 */
export function withoutFlush<T>(db: Kysely<Database>, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`pragma synchronous = NORMAL`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`pragma synchronous = FULL`.execute(conn);
    }
  });
}
