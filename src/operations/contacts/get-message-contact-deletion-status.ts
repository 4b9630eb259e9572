import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetMessageContactDeletionStatus',
  scope: 'directory',
  resources: [contact],
  params: [contactIdParam({ required: 'effectively' })],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const s = await ctx.services.deletion.status(ctx.directory, p.ContactId);
    return {
      ContactDeletionStatus: {
        ContactId: s.contactId,
        Status: s.status,
        FailReasonList: s.failReasons.map((f) => ({ AccountId: f.accountId, MessageTypes: f.messageTypes })),
      },
    };
  },
});
