import type { AnyErrorCode } from '../../errors/api-error.js';
import { RESOURCE_MANAGER_2020, type Operation, type ParamSpec } from '../operation.js';

/** What a ResourceManager 2020-03-31 action changes of the ResourceDirectoryMaster 2022-04-19 one it is served by. */
export interface Changes2020 {
  /** Its parameter table, when it has fewer parameters (see `paramsOf`). */
  params?: readonly ParamSpec[];
  /** Its documented error table (API metadata, 2024-06), when it differs. */
  errors?: readonly AnyErrorCode[];
  alsoAnswers?: readonly AnyErrorCode[];
  unreachable?: Partial<Record<AnyErrorCode, string>>;
  /** Its response shape, when the 2022-04-19 one has more fields. */
  reshape?: (body: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The 2020-03-31 declaration of an action: the 2022-04-19 operation's resources, scope, handler (the same
 * services, the same store) and tables, with whatever this version declares otherwise.
 */
export function servedAs2020(op: Operation<any, any>, changes: Changes2020 = {}): Operation<any, any> {
  const { reshape, ...declared } = changes;
  return {
    ...op,
    ...RESOURCE_MANAGER_2020,
    ...declared,
    servedBy: op,
    handle: reshape ? async (params, ctx) => reshape(await op.handle(params, ctx)) : op.handle,
  };
}

/** The rows of an operation's parameter table with these names, in its order. */
export function paramsOf(op: Operation<any, any>, names: readonly string[]): ParamSpec[] {
  return op.params.filter((p: ParamSpec) => names.includes(p.name));
}

/** The fields of an object with these names, in this order (a 2020-03-31 model's fields). */
export function pick(value: unknown, names: readonly string[]): Record<string, unknown> {
  const from = value as Record<string, unknown>;
  return Object.fromEntries(names.filter((n) => n in from).map((n) => [n, from[n]]));
}
