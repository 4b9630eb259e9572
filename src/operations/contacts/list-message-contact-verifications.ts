import { contactOrAll } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { contactIdParam } from './params.js';
import { hiddenContacts } from '../readable.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListMessageContactVerifications',
  scope: 'directory',
  resources: [contactOrAll],
  params: [contactIdParam({ required: false, doc: 'Only the records of this contact; without it, those of every contact of the directory.' }), ...pagingParams],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    // Filtered by one contact, RAM authorised that contact; across contacts, each is decided on its own.
    const hidden = p.ContactId === undefined ? await hiddenContacts(ctx, () => ctx.services.contacts.idsOf(ctx.directory)) : [];
    const page = await ctx.services.contacts.listVerifications(ctx.directory, p.ContactId, hidden, p.PageNumber, p.PageSize);
    return {
      TotalCount: page.total,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      ContactVerifications: page.items.map((v) => ({ ContactId: v.contactId, Target: v.target })),
    };
  },
});
