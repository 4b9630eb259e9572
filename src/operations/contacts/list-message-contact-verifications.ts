import { defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { contactIdParam } from './params.js';

export default defineOperation({
  action: 'ListMessageContactVerifications',
  params: [contactIdParam({ required: false, doc: 'Only the records of this contact; without it, those of every contact of the directory.' }), ...pagingParams],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    const page = await ctx.services.contacts.listVerifications(rd, p.ContactId, p.PageNumber, p.PageSize);
    return {
      TotalCount: page.total,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      ContactVerifications: page.items.map((v) => ({ ContactId: v.contactId, Target: v.target })),
    };
  },
});
