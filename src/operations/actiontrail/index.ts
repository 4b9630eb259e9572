import type { Operation } from '../operation.js';
import lookupEvents from './lookup-events.js';

/** The ActionTrail operations: the audit trail read as ActionTrail's own. */
export const actiontrailOperations: Operation<any, any>[] = [lookupEvents];
