import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'DeleteMessageContact',
  scope: 'directory',
  resources: [contact],
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
    return { Status: await ctx.services.deletion.delete(ctx.directory, p.ContactId, p.RetainContactInMembers) };
  },
});
