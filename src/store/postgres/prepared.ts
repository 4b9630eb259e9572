import { createHash } from 'node:crypto';
import type Pg from 'pg';
import { StoreUnavailableError } from '../../errors/store-error.js';
import { isCompiledSql } from '../repositories/compiled.js';

/** PostgreSQL's answer to a prepared statement whose table changed shape since it was prepared (SQLSTATE 0A000). */
const PLAN_CHANGED = /cached plan must not change result type/;

/** The name each compiled text is prepared under; a new one once its plan went stale (generation). */
const names = new Map<string, string>();
let generation = 0;

/** The name `text` is prepared under on every connection, until a plan goes stale. */
export function preparedName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `rdc_${createHash('sha256').update(text).digest('hex').slice(0, 24)}_${generation}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The pool's connections prepare the compiled queries (repositories/compiled.ts: the hot point reads, the
 * Add's statements, the list pages) once each, as named statements, where Kysely sends every statement
 * unnamed and PostgreSQL parses and plans it again on every call: the List's two statements were executed in
 * 0.10–0.17 ms and planned in 0.26–0.67 ms each time (docs/performance.md). Other SQL (built per call, with
 * lists of varying length) stays unnamed, so what each connection keeps prepared is bounded by the code.
 *
 * A prepared statement outlives a schema change made by another node (a rolling upgrade migrating a table):
 * PostgreSQL then refuses it with 0A000, "cached plan must not change result type". That call fails as the
 * database's temporary trouble (503: clients retry), and every text is prepared under a new name from then on,
 * on every connection, so the next calls succeed.
 */
export function preparingCompiledQueries(pool: Pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Kysely's PostgresDialect calls query(text, values) and awaits it; every other form goes as it came.
    (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config !== 'string' || !Array.isArray(values) || callback !== undefined || !isCompiledSql(config)) return query(config, values, callback);
      return (query({ name: preparedName(config), text: config, values }) as Promise<unknown>).catch((err: unknown) => {
        throw stalePlanAsUnavailable(err);
      });
    };
  });
}

/**
 * The error a prepared statement's execution failed with, or, when its plan went stale (0A000 above), the
 * database's temporary trouble, after which every text is prepared under a new name.
 */
export function stalePlanAsUnavailable(err: unknown): unknown {
  if ((err as { code?: unknown })?.code !== '0A000' || !PLAN_CHANGED.test(String((err as Error).message))) return err;
  generation += 1;
  names.clear();
  return new StoreUnavailableError(`PostgreSQL: a prepared statement no longer matches its table (changed by a migration); prepared again from the next call`, { cause: err });
}
