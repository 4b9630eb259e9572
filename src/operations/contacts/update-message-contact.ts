import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, emailParam, messageTypesParam, nameParam, phoneParam, titleParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdateMessageContact',
  scope: 'directory',
  resources: [contact],
  params: [
    contactIdParam({ required: 'effectively' }),
    nameParam({ required: false, emptyIsMissing: false }),
    emailParam({ required: false, emptyIsMissing: false, withLength: true }),
    phoneParam({ required: false, emptyIsMissing: false }),
    titleParam({ required: false, emptyIsMissing: false }),
    messageTypesParam({ required: false }),
  ],
  errors: [
    'InvalidParameter.Name',
    'InvalidParameter.Name.Length',
    'InvalidParameter.Name.AlreadyUsed',
    'InvalidParameter.EmailAddress',
    'InvalidParameter.PhoneNumber',
    'InvalidParameter.Title',
    'InvalidParameter.MessageTypes',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.ContactId',
    'MissingParameter.ContactId',
    'InvalidParameter.EmailAddress.Length',
    'ContactStatusMismatchAction',
    'EntityNotExists.Contact',
    'ConcurrentCallNotSupported',
  ],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    await ctx.services.contacts.update(ctx.directory, p.ContactId, {
      name: p.Name,
      email: p.EmailAddress,
      phone: p.PhoneNumber,
      title: p.Title,
      messageTypes: p.MessageTypes,
    });
    return {};
  },
});
