import type { Operation } from './operation.js';
import { directoryOperations } from './directory/index.js';
import { contactOperations } from './contacts/index.js';

/** Every API action the server answers, by name. */
export const operations: ReadonlyMap<string, Operation<any>> = new Map(
  [...directoryOperations, ...contactOperations].map((op) => [op.action, op]),
);
