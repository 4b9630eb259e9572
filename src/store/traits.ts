/**
 * What a database can do that the repositories' queries use, declared by each store (sqlite/, postgres/),
 * so a repository asks for a capability rather than for a database by name.
 */
export interface StoreTraits {
  /**
   * SELECT … FOR UPDATE SKIP LOCKED: several nodes claiming or purging rows at once pass over each other's
   * rows instead of waiting for them. (SQLite runs one writer at a time: nothing to skip.)
   */
  readonly skipLocked: boolean;
  /**
   * Planner settings scoped to a transaction (set_config(name, value, true)), for the one query whose plan
   * the planner gets wrong (the deletion check, repositories/coverage.ts).
   */
  readonly transactionPlannerSettings: boolean;
  /**
   * How a query gathers rows into one JSON array value, so a contact is read with its message types and
   * bindings in one statement: SQLite's json_group_array (a JSON text) or PostgreSQL's json_agg (a json
   * value, which the driver parses).
   */
  readonly jsonArrayAggregate: 'json_group_array' | 'json_agg';
  /**
   * A transaction waiting for a row lock holds one of a bounded pool's connections meanwhile (PostgreSQL):
   * writers queueing on one hot row must be kept few, or they take the whole pool and every other call
   * waits for a connection. (SQLite's writers share one connection and its group commit: the more at once,
   * the fuller each commit.)
   */
  readonly lockWaitsHoldConnections: boolean;
  /**
   * A parameter may be an array, made rows by unnest (PostgreSQL): a batch of rows is one statement and one
   * round trip, its text the same whatever their count (repositories/array-rows.ts). (SQLite: a statement
   * per row costs no round trip.)
   */
  readonly arrayParameters: boolean;
}
