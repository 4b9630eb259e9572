import type Pg from 'pg';
import type { Classify } from '../classified-driver.js';
import { isPointRead, isRead, type DirectRead } from '../repositories/compiled.js';
import { batchable, batchedReads } from './batched-reads.js';
import { preparedName, stalePlanAsUnavailable } from './prepared.js';
import type { RunPrepared } from './prepared-run.js';

/**
 * The PostgreSQL store's direct reads (repositories/compiled.ts): a compiled SELECT outside a transaction
 * runs as its named prepared statement on a connection of the pool, taken for that statement alone as
 * Kysely's executor would, without the executor, its connection provider and the driver's connection
 * objects and promises around each statement (a third of our own CPU per point read, with pg's result
 * handling that prepared-run.ts leaves out). Errors are what they are on Kysely's path: a prepared plan gone
 * stale is the database's temporary trouble (prepared.ts), and the rest is classified as the classifying
 * driver does (a connection that cannot be had or is lost: unavailable; a lock timeout: busy). The point
 * reads of one turn run together, one statement per text (batched-reads.ts).
 */
export function directReads(pool: Pg.Pool, run: RunPrepared, classify: Classify): DirectRead {
  const read = async (sql: string, parameters: readonly unknown[]): Promise<unknown[]> => {
    let client: Pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw classify(err);
    }
    try {
      return await client.query(run(preparedName(sql), sql, parameters)).done;
    } catch (err) {
      throw classify(stalePlanAsUnavailable(err));
    } finally {
      // As Kysely's driver releases: pg-pool itself discards a client whose connection failed.
      client.release();
    }
  };
  const together = batchedReads(read);
  return (sql, parameters) => {
    if (!isRead(sql)) return undefined;
    return isPointRead(sql) && batchable(parameters) ? together(sql, parameters) : read(sql, parameters);
  };
}
