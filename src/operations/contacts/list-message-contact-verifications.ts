import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { contactIdParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListMessageContactVerifications',
  scope: 'directory',
  resources: [contact],
  params: [contactIdParam({ required: false, doc: 'Only the records of this contact; without it, those of every contact of the directory.' }), ...pagingParams],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const page = await ctx.services.contacts.listVerifications(ctx.directory, p.ContactId, p.PageNumber, p.PageSize);
    return {
      TotalCount: page.total,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      ContactVerifications: page.items.map((v) => ({ ContactId: v.contactId, Target: v.target })),
    };
  },
});
