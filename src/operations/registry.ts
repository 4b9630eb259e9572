import { RESOURCE_DIRECTORY_MASTER_2022, ramActionOf, type Operation } from './operation.js';
import { directoryOperations } from './directory/index.js';
import { contactOperations } from './contacts/index.js';
import { resourceManagerOperations } from './resourcemanager/index.js';
import { rdcontactsOperations } from './rdcontacts/index.js';
import { stsOperations } from './sts/index.js';
import { actiontrailOperations } from './actiontrail/index.js';
import { messageOperations } from './messages/index.js';

/** The API a request naming no version this server declares is served as (with a warning in the log). */
export const DEFAULT_API = RESOURCE_DIRECTORY_MASTER_2022;
export const DEFAULT_VERSION = DEFAULT_API.version;

/** An operation found for a request, and whether its Version was unknown (then served as DEFAULT_VERSION). */
export interface Route {
  operation: Operation<any, any>;
  unknownVersion: boolean;
}

/**
 * Every declared operation, keyed by (Version, Action): one action name may be declared under several
 * versions (products), each its own operation.
 */
export class OperationRegistry {
  private readonly byVersion = new Map<string, Map<string, Operation<any, any>>>();

  constructor(operations: readonly Operation<any, any>[]) {
    for (const op of operations) {
      const actions = this.byVersion.get(op.version) ?? new Map<string, Operation<any, any>>();
      if (actions.has(op.action)) throw new Error(`${op.action} is declared twice under version ${op.version}`);
      actions.set(op.action, op);
      this.byVersion.set(op.version, actions);
    }
  }

  /**
   * The operation a request names. A version no operation declares is served as DEFAULT_VERSION; under a
   * declared version, only that version's actions are found. Undefined: no such action (InvalidAction.NotFound).
   */
  route(version: string, action: string): Route | undefined {
    const declared = this.byVersion.get(version);
    const operation = (declared ?? this.byVersion.get(DEFAULT_VERSION))?.get(action);
    return operation && { operation, unknownVersion: declared === undefined };
  }

  /** The operations declared under one version, by action. */
  actionsOf(version: string): ReadonlyMap<string, Operation<any, any>> {
    return this.byVersion.get(version) ?? new Map();
  }

  all(): Operation<any, any>[] {
    return [...this.byVersion.values()].flatMap((actions) => [...actions.values()]);
  }
}

export const registry = new OperationRegistry([...directoryOperations, ...contactOperations, ...resourceManagerOperations, ...rdcontactsOperations, ...messageOperations, ...stsOperations, ...actiontrailOperations]);

/** The ResourceDirectoryMaster 2022-04-19 operations by action: the API docs/compatibility.md describes. */
export const operations: ReadonlyMap<string, Operation<any, any>> = registry.actionsOf(DEFAULT_VERSION);

/**
 * Every RAM action the server decides (`resourcemanager:MoveAccount`) → how many resources it is decided on:
 * each operation the pipeline authorises, and sts:AssumeRole, which RoleSessions decides on the role's ARN
 * (the other STS action, GetCallerIdentity, is open to every signed caller).
 */
export function ramActions(): ReadonlyMap<string, number> {
  const authorised = registry.all().filter((op) => op.ramExempt === undefined).map((op) => [ramActionOf(op), op.resources.length] as const);
  return new Map([...authorised, ['sts:AssumeRole', 1]]);
}
