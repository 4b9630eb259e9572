import type { Api } from '../operation.js';

/** ActionTrail, for reading the audit trail with the clients and tools made for it. */
export const ACTIONTRAIL_2020: Api = { product: 'Actiontrail', version: '2020-07-06', ramService: 'actiontrail' };
