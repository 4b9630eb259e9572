import { defineOperation } from '../operation.js';
import { contactIdParam } from './params.js';

export default defineOperation({
  action: 'GetMessageContactDeletionStatus',
  params: [contactIdParam({ required: 'effectively' })],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    const s = await ctx.services.deletion.status(rd, p.ContactId);
    return {
      ContactDeletionStatus: {
        ContactId: s.contactId,
        Status: s.status,
        FailReasonList: s.failReasons.map((f) => ({ AccountId: f.accountId, MessageTypes: f.messageTypes })),
      },
    };
  },
});
