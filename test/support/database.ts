/**
 * Where test servers keep their data. By default the embedded SQLite file of their data folder. With
 * RDC_TEST_STORE=postgres (and RDC_TEST_DATABASE_URL, a PostgreSQL URL whose user may create databases),
 * each data folder gets a fresh PostgreSQL database of its own, named after the folder, so that a server
 * restarted over the same folder, or a second node started over it, finds the same data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SQLITE_FILE } from '../../src/store/sqlite/open.js';
import { openSqliteDatabase } from '../../src/store/sqlite/library.js';

export const TEST_STORE: 'sqlite' | 'postgres' = process.env.RDC_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.RDC_TEST_DATABASE_URL;

/** Names of the databases made by this run start with this (scripts/test.mjs drops them all at the end). */
const PREFIX = process.env.RDC_TEST_DATABASE_PREFIX ?? 'rdc_t';

if (TEST_STORE === 'postgres' && !TEST_DATABASE_URL) throw new Error('RDC_TEST_STORE=postgres needs RDC_TEST_DATABASE_URL (a PostgreSQL URL that may create databases)');

/** The URL of the database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

function databaseNameOf(dataDir: string): string {
  return `${PREFIX}_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
}

/** Runs `work` with a connection to the server's administrative database (the one RDC_TEST_DATABASE_URL names). */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>, url = TEST_DATABASE_URL!): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database `name` (nothing when it exists). */
export async function createDatabase(name: string, url = TEST_DATABASE_URL!): Promise<void> {
  await withAdmin(async (client) => {
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  }, url);
}

export async function dropDatabase(name: string, url = TEST_DATABASE_URL!): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), url);
}

/**
 * The RDC_* settings that put the store of a server over `dataDir` where this run wants it: none for SQLite
 * (the folder's file); for PostgreSQL, RDC_DATABASE_URL of the folder's database, created on first use.
 */
export async function testStoreEnv(dataDir: string): Promise<Record<string, string>> {
  if (TEST_STORE === 'sqlite') return {};
  const name = databaseNameOf(dataDir);
  await createDatabase(name);
  return { RDC_DATABASE_URL: databaseUrl(TEST_DATABASE_URL!, name) };
}

/** Drops the PostgreSQL database of `dataDir` (nothing for SQLite: the folder goes with its file). */
export async function dropTestStore(dataDir: string): Promise<void> {
  if (TEST_STORE === 'postgres') await dropDatabase(databaseNameOf(dataDir));
}

/**
 * A direct connection to the store of the server over `dataDir`, for tests that look at or tamper with what
 * is stored (write store-neutral queries with Kysely), with the SQLite library the server uses on this
 * runtime. Close it with destroy().
 */
export function openTestDatabase(dataDir: string): Kysely<any> {
  if (TEST_STORE === 'sqlite') return new Kysely<any>({ dialect: new SqliteDialect({ database: openSqliteDatabase(join(dataDir, SQLITE_FILE)) }) });
  return openPostgres(databaseUrl(TEST_DATABASE_URL!, databaseNameOf(dataDir)));
}

/** Why a PostgreSQL-only test is skipped in this run, or false when it runs (in the PostgreSQL pass of npm test). */
export const POSTGRES_ONLY: string | false =
  TEST_STORE === 'postgres'
    ? false
    : TEST_DATABASE_URL
      ? 'PostgreSQL only: runs in the PostgreSQL pass of npm test (RDC_TEST_STORE=postgres)'
      : 'PostgreSQL only: RDC_TEST_DATABASE_URL is not set (npm test runs it when it is; .ci/run sets it)';

/** A fresh, empty PostgreSQL database of this run: its URL, and drop() for the end of the test. */
export async function freshTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${PREFIX}_${randomBytes(8).toString('hex')}`;
  await createDatabase(name);
  return { url: databaseUrl(TEST_DATABASE_URL!, name), drop: () => dropDatabase(name) };
}

/** A Kysely connection to the PostgreSQL database at `url` (destroy() it at the end). */
export function openPostgres(url: string): Kysely<any> {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}
