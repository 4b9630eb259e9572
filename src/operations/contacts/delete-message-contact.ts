import { defineOperation } from '../operation.js';
import { contactIdParam } from './params.js';

export default defineOperation({
  action: 'DeleteMessageContact',
  params: [
    contactIdParam({ required: true }),
    {
      name: 'RetainContactInMembers',
      type: 'boolean',
      default: true,
      doc: '`true`: remove the contact now and keep it in the members it covers (Status `Deleted`); `false`: remove it from the members too, asynchronously (Status `Deleting`).',
    },
  ],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact', 'ConcurrentCallNotSupported'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    return { Status: await ctx.services.deletion.delete(rd, p.ContactId, p.RetainContactInMembers) };
  },
});
