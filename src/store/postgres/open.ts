import { Kysely, PostgresDialect, sql } from 'kysely';
import type Pg from 'pg';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import type { StoreTraits } from '../traits.js';
import { migrate } from '../migrations/index.js';
import { classifyingErrors } from '../classified-driver.js';
import { SharedNonceRegistry } from './nonces.js';
import { PostgresStore } from './store.js';
import { classifyPostgresError } from './errors.js';
import { timingCommits } from '../timed-commits.js';
import { preparingCompiledQueries } from './prepared.js';
import { preparedRuns } from './prepared-run.js';
import { directReads } from './direct-reads.js';
import { allowDirectReads } from '../repositories/compiled.js';
import type { StoreTimings } from '../../metrics/metrics.js';

/** How long a statement may wait for a row lock before giving up (55P03, answered 429): waits stay short. */
export const LOCK_TIMEOUT_MS = 2000;

/** Row locks that claimers skip, and the deletion check's planner settings (repositories/coverage.ts). */
const POSTGRES: StoreTraits = { skipLocked: true, transactionPlannerSettings: true, jsonArrayAggregate: 'json_agg', lockWaitsHoldConnections: true, arrayParameters: true };

/** int8 (bigint: times, counts) as a JS number, as SQLite gives it; every other type as pg parses it. */
function typesOf(pg: typeof Pg) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
}

export interface PostgresOptions {
  url: string;
  poolSize: number;
  /** Told when a pooled connection fails (the database restarted); the pool replaces it. */
  onConnectionError?: (err: Error) => void;
  /** Told how long each transaction and each COMMIT took (the metrics). */
  timings?: StoreTimings;
}

/**
 * The shared store of several nodes: PostgreSQL through a pg pool, with the same Kysely queries and
 * migrations as SQLite. Nonces are claimed in the database, so a nonce used on one node is refused on the
 * others. A connection lost (PostgreSQL restarted) makes the calls that needed it fail (503 upstream);
 * the pool opens new connections as soon as the database answers again, without a restart.
 */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  // Loaded here, not at start-up: a server on SQLite never needs the driver (idle memory).
  const { default: pg } = await import('pg');
  const types = typesOf(pg);
  // Migrations first, over their own connection: they wait for another node's migrations as long as those take.
  await migrateOver(pg, options.url, types);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    lock_timeout: LOCK_TIMEOUT_MS,
    types,
  });
  // An idle connection that fails is reported by the pool; one in use (between the statements of a
  // transaction) by its client, and an 'error' event without a listener would end the process.
  pool.on('error', (err) => options.onConnectionError?.(err));
  pool.on('connect', (client) => client.on('error', () => undefined));
  preparingCompiledQueries(pool);
  const classified = classifyingErrors(new PostgresDialect({ pool }), classifyPostgresError);
  const timings = options.timings;
  const db = new Kysely<Database>({ dialect: timings ? timingCommits(classified, (seconds) => timings.commit(seconds)) : classified });
  allowDirectReads(db, directReads(pool, preparedRuns(pg, types), classifyPostgresError));
  return new PostgresStore(
    db,
    'postgres',
    POSTGRES,
    new SharedNonceRegistry(db),
    async () => {
      await db.destroy();
      // Kysely leaves a pool it never used alone.
      if (!pool.ending) await pool.end();
    },
    timings,
  );
}

async function migrateOver(pg: typeof Pg, url: string, types: ReturnType<typeof typesOf>): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000, types });
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Connecting first, so that a database that does not answer is reported as such.
    await sql`select 1`.execute(db);
    await migrate(db);
  } finally {
    await db.destroy();
  }
}
