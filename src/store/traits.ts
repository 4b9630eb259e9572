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
}
