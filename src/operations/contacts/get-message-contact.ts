import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam } from './params.js';
import { contactBody } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetMessageContact',
  scope: 'directory',
  resources: [contact],
  params: [contactIdParam({ required: true })],
  errors: ['InvalidParameter.ContactId', 'MissingParameter.ContactId', 'EntityNotExists.Contact'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    return { Contact: contactBody(await ctx.services.contacts.get(ctx.directory, p.ContactId)) };
  },
});
