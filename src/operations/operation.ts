import type { Caller } from '../auth/authenticate.js';
import type { RoleSessions } from '../auth/role-sessions.js';
import type { ResourceBuilder } from '../auth/resources.js';
import type { AnyErrorCode } from '../errors/api-error.js';
import type { ResourceDirectory } from '../domain/directory.js';
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
  /** Multi-line plain text: line breaks (LF, CR) and tabs pass; every other control character is refused. */
  multiline?: true;
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

/** The API an operation belongs to: the product, the Version a client names in its request, its RAM service. */
export interface Api {
  product: string;
  version: string;
  /** The product's RAM code: a policy names the operation `<ramService>:<Action>`. */
  ramService: string;
}

/** The message-contact and directory-tree operations. */
export const RESOURCE_DIRECTORY_MASTER_2022: Api = { product: 'ResourceDirectoryMaster', version: '2022-04-19', ramService: 'resourcemanager' };
/**
 * STS on the same endpoint: AssumeRole and GetCallerIdentity (src/operations/sts/). Both are `ramExempt`:
 * AssumeRole checks `sts:AssumeRole` on the role itself (auth/role-sessions.ts), with this code.
 */
export const STS_2015: Api = { product: 'Sts', version: '2015-04-01', ramService: 'sts' };

/** The directory tree as Terraform's ResourceManager calls reach it, over the same services and store. */
export const RESOURCE_MANAGER_2020: Api = { product: 'ResourceManager', version: '2020-03-31', ramService: 'resourcemanager' };

/** The RAM action of an operation, as policies name it: `resourcemanager:GetMessageContact`. */
export function ramActionOf(op: Api & { action: string }): string {
  return `${op.ramService}:${op.action}`;
}

/**
 * rdcontacts' own extension API (recipients, publishing notices, webhooks): its own version, so its actions
 * never collide with a future Alibaba action, and its own RAM service, so Alibaba's policies do not grant it.
 */
export const RDCONTACTS_2026: Api = { product: 'Rdcontacts', version: '2026-12-01', ramService: 'rdcontacts' };

/**
 * What the pipeline resolves for an operation before it runs. `directory`: the caller tenant's resource
 * directory, once, after the parameters and RAM (404 EntityNotExists.ResourceDirectory without one).
 * `tenant`: the caller's account only, for an operation that needs no directory or answers its own error
 * order (e.g. EntityNotExists.Account before EntityNotExists.ResourceDirectory).
 */
export type Scope = 'directory' | 'tenant';

export interface OperationContext {
  requestId: string;
  caller: Caller;
  /** The caller's account: the tenant whose data the operation reads and writes. */
  tenant: string;
  sourceIp: string;
  secureTransport: boolean;
  services: Services;
  /** STS role sessions (AssumeRole). */
  sessions: RoleSessions;
  log: Logger;
  /**
   * Whether the caller's policies allow this operation's action on one more resource ARN (a root key: any
   * in its account). A list across resources uses it to leave out what the caller may not read.
   */
  permits(resource: string): boolean;
}

/** The context of a `directory`-scoped operation. */
export interface DirectoryContext extends OperationContext {
  directory: ResourceDirectory;
}

export type ContextOf<S extends Scope> = S extends 'directory' ? DirectoryContext : OperationContext;

export interface Operation<T extends readonly ParamSpec[] = readonly ParamSpec[], S extends Scope = Scope> extends Api {
  action: string;
  /** The resources RAM authorises the request on (operations.json `resourceArn`), one ARN each. */
  resources: readonly ResourceBuilder[];
  /**
   * Why the pipeline's RAM check (`<ramService>:<Action>` on `resources`) does not apply: the operation
   * decides itself who may call it (STS: anyone may ask who they are; AssumeRole checks sts:AssumeRole).
   */
  ramExempt?: string;
  scope: S;
  params: T;
  /** The documented error table, in its order: checks run in this order and the first failure answers. */
  errors: readonly AnyErrorCode[];
  /** Codes this implementation answers beyond the table and the parameter checks (docs/compatibility.md). */
  alsoAnswers?: readonly AnyErrorCode[];
  /** Documented codes that cannot arise here, each with the reason (docs/compatibility.md). */
  unreachable?: Partial<Record<AnyErrorCode, string>>;
  /**
   * The declaration whose handler serves this one (a ResourceManager 2020-03-31 action is built on its
   * 2022-04-19 one): what either answers takes the same path (docs/compatibility.md counts both).
   */
  servedBy?: Operation<any, any>;
  handle(params: ParsedParams<T>, ctx: ContextOf<S>): Promise<Record<string, unknown>>;
}

/** Declares an operation, keeping its parameter table's literal types and its scope's context for the handler. */
export function defineOperation<const T extends readonly ParamSpec[], const S extends Scope>(op: Operation<T, S>): Operation<T, S> {
  return op;
}

/** Declares a parameter row, keeping its literal types (e.g. `required: true`) for ParsedParams. */
export function defineParam<const S extends ParamSpec>(spec: S): S {
  return spec;
}
