import { defineParam } from './operation.js';

export const MAX_PAGE_SIZE = 100;

/** PageNumber and PageSize, alike in every list operation (message contacts and the tree). */
export const pagingParams = [
  defineParam({
    name: 'PageNumber',
    type: 'integer',
    default: 1,
    doc: 'The page to return, from 1.',
    checks: [{ code: 'InvalidParameter.PageNumber', rule: 'at least 1', test: (v: number) => v >= 1 }],
  }),
  defineParam({
    name: 'PageSize',
    type: 'integer',
    default: 10,
    doc: `Entries per page, 1 to ${MAX_PAGE_SIZE}.`,
    checks: [{ code: 'InvalidParameter.PageSize', rule: `1 to ${MAX_PAGE_SIZE}`, test: (v: number) => v >= 1 && v <= MAX_PAGE_SIZE }],
  }),
] as const;
