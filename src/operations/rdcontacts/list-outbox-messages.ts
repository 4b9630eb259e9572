import { contactOrAll } from '../../auth/resources.js';
import { outboxMessageBody } from '../../domain/outbox.js';
import { defineOperation } from '../operation.js';
import { contactIdParam } from '../contacts/params.js';
import { hiddenContacts } from '../readable.js';
import { RDCONTACTS_2026 } from './api.js';

const MAX_RESULTS = 100;

/** Where a page ended: the newest-first position of its last message, opaque to the client. */
interface Position {
  sentAt: number;
  id: string;
}

function encodeToken(p: Position): string {
  return Buffer.from(JSON.stringify([p.sentAt, p.id])).toString('base64url');
}

function decodeToken(token: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string' && value[1].length <= 64) return { sentAt: value[0], id: value[1] };
  } catch {
    // not a token of ours
  }
  return undefined;
}

/**
 * The signed, tenant-scoped outbox: the caller tenant's captured verification messages (those of a channel
 * without SMTP or an SMS provider), newest first, with the fields of GET /_rdc/outbox. Never another
 * tenant's; of the caller's contacts, only those its policies let it read with this action.
 */
export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'ListOutboxMessages',
  scope: 'tenant',
  resources: [contactOrAll],
  params: [
    contactIdParam({
      required: false,
      emptyIsMissing: false,
      doc: "Only the messages of this contact. RAM then decides on that contact's ARN; without it, each contact's messages are shown only when RAM allows that contact.",
    }),
    { name: 'To', type: 'string', doc: 'Only the messages to this email address or phone number (`86-13900001234`).' },
    {
      name: 'Channel',
      type: 'string',
      doc: 'Only `email` or only `sms` messages.',
      checks: [{ code: 'InvalidParameter.Channel', rule: '`email` or `sms`', test: (v: string) => v === 'email' || v === 'sms' }],
    },
    {
      name: 'MaxResults',
      type: 'integer',
      default: 10,
      doc: 'Messages per page, 1 to 100.',
      checks: [{ code: 'InvalidParameter.MaxResults', rule: 'an integer from 1 to 100', test: (v: number) => v >= 1 && v <= MAX_RESULTS }],
    },
    {
      name: 'NextToken',
      type: 'string',
      doc: 'The NextToken of the previous page, unchanged; absent for the first page. The last page answers no NextToken.',
      checks: [{ code: 'InvalidParameter.NextToken', rule: 'a NextToken this action answered', test: (v: string) => decodeToken(v) !== undefined }],
    },
  ],
  errors: ['InvalidParameter.ContactId', 'InvalidParameter.Channel', 'InvalidParameter.MaxResults', 'InvalidParameter.NextToken'],
  async handle(p, ctx) {
    // Filtered by one contact, RAM authorised that contact; across contacts, each is decided on its own.
    const hidden = p.ContactId === undefined ? await hiddenContacts(ctx, () => ctx.services.outbox.contactIds(ctx.tenant)) : [];
    const found = await ctx.services.outbox.list(ctx.tenant, {
      to: p.To,
      contactId: p.ContactId,
      channel: p.Channel as 'email' | 'sms' | undefined,
      hidden,
      after: p.NextToken === undefined ? undefined : decodeToken(p.NextToken),
      limit: p.MaxResults + 1,
    });
    const page = found.slice(0, p.MaxResults);
    const last = page.at(-1);
    return {
      MaxResults: p.MaxResults,
      Messages: page.map(outboxMessageBody),
      ...(found.length > p.MaxResults && last && { NextToken: encodeToken(last) }),
    };
  },
});
