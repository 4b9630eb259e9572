import { defineOperation } from '../operation.js';
import { contactIdParam } from './params.js';
import { contactBody } from './render.js';

export default defineOperation({
  action: 'GetMessageContact',
  params: [contactIdParam({ required: true })],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    return { Contact: contactBody(await ctx.services.contacts.get(rd, p.ContactId)) };
  },
});
