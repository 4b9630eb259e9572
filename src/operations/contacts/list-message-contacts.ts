import { memberKindOf } from '../../domain/contact-rules.js';
import { defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { contactIdParam } from './params.js';
import { listedContactBody } from './render.js';

export default defineOperation({
  action: 'ListMessageContacts',
  params: [
    contactIdParam({ required: false, emptyIsMissing: false, doc: 'Only this contact.' }),
    {
      name: 'Member',
      type: 'string',
      doc: 'Only contacts bound directly to this resource directory (`rd-`), Root folder (`r-`), folder (`fd-`) or member account.',
      checks: [{ code: 'InvalidParameter.Member', rule: 'an `rd-`, `r-`, `fd-` or 16-digit account ID', test: (v: string) => memberKindOf(v) !== undefined }],
    },
    ...pagingParams,
  ],
  errors: ['InvalidParameter.ContactId', 'InvalidParameter.Member', 'EntityNotExists.Contact', 'EntityNotExists.Member'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    // In the order of the error table: an unknown contact, then an unknown member.
    if (p.ContactId !== undefined) await ctx.services.contacts.require(rd, p.ContactId);
    if (p.Member !== undefined) await ctx.services.bindings.requireMember(rd, p.Member);
    const page = await ctx.services.contacts.list(rd, { contactId: p.ContactId, memberId: p.Member }, p.PageNumber, p.PageSize);
    return { TotalCount: page.total, PageNumber: p.PageNumber, PageSize: p.PageSize, Contacts: page.items.map(listedContactBody) };
  },
});
