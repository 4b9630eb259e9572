import type { Caller } from '../auth/authenticate.js';
import type { AnyErrorCode } from '../errors/api-error.js';
import type { Services } from '../services.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

export type WireType = 'string' | 'integer' | 'boolean' | 'array' | 'objectArray';

/** What a check may consult besides the parameters: the server's settings (e.g. accepted country codes). */
export interface ValidationContext {
  config: Config;
}

/** A check of one parameter's value; it fails with `code`. `test` may read the other parameters. */
export interface Check<V = any> {
  code: AnyErrorCode;
  /** What is checked, in words, for docs/compatibility.md. */
  rule: string;
  test: (value: V, params: Record<string, unknown>, ctx: ValidationContext) => boolean;
}

/** One row of an operation's parameter table: it drives parsing, validation, the docs and the coverage list. */
export interface ParamSpec {
  name: string;
  type: WireType;
  /** true: documented required; 'effectively': documented optional, but a MissingParameter error is documented. */
  required?: boolean | 'effectively';
  /** Code when the parameter is required and absent; default MissingParameter.<Name>. */
  missingError?: AnyErrorCode;
  /** Code when the wire value does not parse as its type (integer/boolean); default InvalidParameter.<Name>. */
  typeError?: AnyErrorCode;
  default?: string | number | boolean;
  checks?: readonly Check[];
  /** What it means, for docs/compatibility.md (from the API docs). */
  doc: string;
}

type ValueOfType<T extends WireType> = T extends 'string'
  ? string
  : T extends 'integer'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'array'
        ? string[]
        : Array<Record<string, string>>;

/** The parsed parameters of a table: a defaulted or required parameter is always present. */
export type ParsedParams<T extends readonly ParamSpec[]> = {
  [S in T[number] as S['name']]: S extends { default: any } | { required: true | 'effectively' } ? ValueOfType<S['type']> : ValueOfType<S['type']> | undefined;
};

export interface OperationContext {
  requestId: string;
  caller: Caller;
  services: Services;
  log: Logger;
}

export interface Operation<T extends readonly ParamSpec[] = readonly ParamSpec[]> {
  action: string;
  params: T;
  /** The documented error table, in its order: checks run in this order and the first failure answers. */
  errors: readonly AnyErrorCode[];
  /** Codes this implementation answers beyond the table and the parameter checks (docs/compatibility.md). */
  alsoAnswers?: readonly AnyErrorCode[];
  /** Documented codes that cannot arise here, each with the reason (docs/compatibility.md). */
  unreachable?: Partial<Record<AnyErrorCode, string>>;
  handle(params: ParsedParams<T>, ctx: OperationContext): Promise<Record<string, unknown>>;
}

/** Declares an operation, keeping its parameter table's literal types for the handler. */
export function defineOperation<const T extends readonly ParamSpec[]>(op: Operation<T>): Operation<T> {
  return op;
}

/** Declares a parameter row, keeping its literal types (e.g. `required: true`) for ParsedParams. */
export function defineParam<const S extends ParamSpec>(spec: S): S {
  return spec;
}
