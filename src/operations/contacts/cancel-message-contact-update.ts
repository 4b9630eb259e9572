import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, emailParam, phoneParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'CancelMessageContactUpdate',
  scope: 'directory',
  resources: [contact],
  params: [
    contactIdParam({ required: 'effectively' }),
    phoneParam({ required: false, emptyIsMissing: false, doc: 'The pending phone number to drop.' }),
    emailParam({ required: false, emptyIsMissing: false, withLength: false, doc: 'The pending email address to drop (only while a verified one remains in effect).' }),
  ],
  errors: [
    'MissingParameter.ContactId',
    'InvalidParameter.ContactId',
    'InvalidParameter.PhoneNumber',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.EmailAddress',
    'ContactStatusMismatchAction',
    'EntityNotExists.Contact',
  ],
  alsoAnswers: ['ConcurrentCallNotSupported', 'EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    await ctx.services.contacts.cancelUpdate(ctx.directory, p.ContactId, { email: p.EmailAddress, phone: p.PhoneNumber });
    return {};
  },
});
