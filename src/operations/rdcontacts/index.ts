import type { Operation } from '../operation.js';
import listOutboxMessages from './list-outbox-messages.js';

/** rdcontacts' own actions (API 2026-12-01). */
export const rdcontactsOperations: Operation<any, any>[] = [listOutboxMessages];
