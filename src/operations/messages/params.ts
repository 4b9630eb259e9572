/** Parameter rows shared by rdcontacts' own operations (API 2026-12-01). */
import { MESSAGE_TYPES } from '../../domain/contact-rules.js';
import { idPattern } from '../../domain/ids.js';
import { defineParam } from '../operation.js';

const MESSAGE_TYPE_LIST = MESSAGE_TYPES.join(', ');

export function messageTypeParam<const R extends boolean>(required: R, doc: string) {
  return defineParam({
    name: 'MessageType',
    type: 'string',
    required,
    doc: `${doc} One of ${MESSAGE_TYPE_LIST}.`,
    checks: [{ code: 'InvalidParameter.MessageType', rule: `one of ${MESSAGE_TYPE_LIST}`, test: (v: string) => (MESSAGE_TYPES as readonly string[]).includes(v) }],
  });
}

export function accountIdParam<const R extends boolean>(required: R, doc: string) {
  return defineParam({
    name: 'AccountId',
    type: 'string',
    required,
    doc,
    checks: [{ code: 'InvalidParameter.AccountId', rule: '16 digits', test: (v: string) => idPattern.account.test(v) }],
  });
}

export const pageNumberParam = defineParam({
  name: 'PageNumber',
  type: 'integer',
  default: 1,
  doc: 'The page to answer, from 1.',
  checks: [{ code: 'InvalidParameter.PageNumber', rule: 'at least 1', test: (v: number) => v >= 1 }],
});

export const pageSizeParam = defineParam({
  name: 'PageSize',
  type: 'integer',
  default: 10,
  doc: 'Entries per page, 1 to 100.',
  checks: [{ code: 'InvalidParameter.PageSize', rule: '1 to 100', test: (v: number) => v >= 1 && v <= 100 }],
});
