/** Parameter rows shared by rdcontacts' own operations (API 2026-12-01). */
import { MESSAGE_TYPES } from '../../domain/contact-rules.js';
import { idPattern } from '../../ids.js';
import type { ResourceBuilder } from '../../auth/resources.js';
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

/** An ARN of rdcontacts' own RAM service: `acs:rdcontacts::<account>:<resource>`. */
export function rdcontactsArn(accountId: string, resource: string): string {
  return `acs:rdcontacts::${accountId}:${resource}`;
}

/** The message named by MessageId. */
export const messageResource: ResourceBuilder = async (t) => rdcontactsArn(t.accountId, `message/${typeof t.params.MessageId === 'string' ? t.params.MessageId : ''}`);

export const messageIdParam = defineParam({
  name: 'MessageId',
  type: 'string',
  required: true,
  doc: 'The ID of a published message (`m-` + 16 letters or digits).',
  checks: [{ code: 'InvalidParameter.MessageId', rule: '`m-` followed by 16 letters or digits', test: (v: string) => /^m-[0-9A-Za-z]{16}$/.test(v) }],
});
