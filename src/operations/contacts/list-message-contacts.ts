import { memberKindOf } from '../../domain/contact-rules.js';
import { contactOrAll } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { contactIdParam } from './params.js';
import { hiddenContacts } from '../readable.js';
import { listedContactBody } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListMessageContacts',
  scope: 'directory',
  resources: [contactOrAll],
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
    // In the order of the error table: an unknown contact, then an unknown member.
    if (p.ContactId !== undefined) await ctx.services.contacts.require(ctx.directory, p.ContactId);
    if (p.Member !== undefined) await ctx.services.bindings.requireMember(ctx.directory, p.Member);
    // Filtered by one contact, RAM authorised that contact; across contacts, each is decided on its own.
    const hidden = p.ContactId === undefined ? await hiddenContacts(ctx, () => ctx.services.contacts.idsOf(ctx.directory)) : [];
    const page = await ctx.services.contacts.list(ctx.directory, { contactId: p.ContactId, memberId: p.Member, hidden }, p.PageNumber, p.PageSize);
    return { TotalCount: page.total, PageNumber: p.PageNumber, PageSize: p.PageSize, Contacts: page.items.map(listedContactBody) };
  },
});
