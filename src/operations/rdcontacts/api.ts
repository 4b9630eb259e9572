import type { Api } from '../operation.js';

/**
 * rdcontacts' own actions, beside the Resource Directory API on the same endpoint: Version 2026-12-01,
 * RAM actions `rdcontacts:<Action>`. Any client signs them as usual (openapi-core `callApi` with this Version).
 */
export const RDCONTACTS_2026: Api = { product: 'Rdcontacts', version: '2026-12-01', ramService: 'rdcontacts' };
