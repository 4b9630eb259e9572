/**
 * What every benchmarked server is started with: the root tenant, further tenants from an identities file
 * (so concurrent writers of AddMessageContact are different directories, as many customers would be),
 * raised limits, the store (SQLite by default, PostgreSQL with --store postgres) and the access log on as
 * by default.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Credentials } from './signing.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface Tenant {
  accountId: string;
  creds: Credentials;
}

export const ROOT_TENANT: Tenant = { accountId: '1000000000000001', creds: { accessKeyId: 'LTAIbenchroot0001', secret: 'bench-root-secret-0001' } };

export function tenants(count: number): Tenant[] {
  return Array.from({ length: count }, (_, i) => ({
    accountId: String(2000000000000000 + i + 1),
    creds: { accessKeyId: `LTAIbenchtenant${String(i).padStart(4, '0')}`, secret: `bench-tenant-secret-${i}` },
  }));
}

export interface BenchEnvironment {
  env: Record<string, string>;
  dataDir: string;
}

/**
 * A fresh data folder (and, for PostgreSQL, the database named by RDC_DATABASE_URL, which must exist and
 * is used as given: point it at a database for benchmarks only) and the settings of one server.
 */
export function benchEnvironment(dir: string, store: StoreKind, others: readonly Tenant[], extra: Record<string, string> = {}): BenchEnvironment {
  rmSync(dir, { recursive: true, force: true });
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const identitiesFile = join(dir, 'identities.json');
  writeFileSync(identitiesFile, JSON.stringify({ accounts: others.map((t) => ({ accountId: t.accountId, accessKeys: [{ id: t.creds.accessKeyId, secret: t.creds.secret }] })) }));
  const env: Record<string, string> = {
    RDC_DATA_DIR: dataDir,
    RDC_ROOT_ACCOUNT_ID: ROOT_TENANT.accountId,
    RDC_ROOT_ACCESS_KEY_ID: ROOT_TENANT.creds.accessKeyId,
    RDC_ROOT_ACCESS_KEY_SECRET: ROOT_TENANT.creds.secret,
    RDC_IDENTITIES_FILE: identitiesFile,
    RDC_LOG_LEVEL: 'info',
    RDC_ACCESS_LOG: 'true',
    RDC_MAX_CONTACTS_PER_DIRECTORY: '1000000000',
    ...extra,
  };
  if (store === 'postgres') {
    const url = process.env.RDC_DATABASE_URL;
    if (!url) throw new Error('--store postgres needs RDC_DATABASE_URL (a database for benchmarks only: it is filled with test data)');
    env.RDC_DATABASE_URL = url;
    // The pool size is a setting worth trying under load: passed through as given.
    if (process.env.RDC_DATABASE_POOL_SIZE) env.RDC_DATABASE_POOL_SIZE = process.env.RDC_DATABASE_POOL_SIZE;
  }
  return { env, dataDir };
}

/** Runs SQL on the PostgreSQL database over a connection of its own; the rows of a single statement. */
export async function onPostgres<Row>(url: string, text: string, values?: unknown[]): Promise<Row[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Empties the PostgreSQL database of a previous scenario (its public schema), so each one starts fresh. */
export async function resetPostgres(url: string): Promise<void> {
  await onPostgres(url, 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
}

/**
 * Gathers the planner's statistics after a bulk load, as autovacuum does within a minute of it. Without
 * them PostgreSQL plans the deletion check for tables of a few rows and it grows with the square of the
 * directory (14 s at 100,000 accounts; bench/results/2026-12-06T0024-postgres-growth-before-analyze.md).
 */
export async function analyzePostgres(url: string): Promise<void> {
  await onPostgres(url, 'ANALYZE');
}

/** A fresh environment, with the PostgreSQL database emptied first when that is the store. */
export async function freshEnvironment(dir: string, store: StoreKind, others: readonly Tenant[], extra: Record<string, string> = {}): Promise<BenchEnvironment> {
  const environment = benchEnvironment(dir, store, others, extra);
  if (store === 'postgres') await resetPostgres(environment.env.RDC_DATABASE_URL!);
  return environment;
}
