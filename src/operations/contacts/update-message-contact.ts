import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, emailParam, messageTypesParam, nameParam, phoneParam, titleParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdateMessageContact',
  scope: 'directory',
  resources: [contact],
  params: [contactIdParam('effectively'), nameParam(false, false), emailParam(false, false, true), phoneParam(false, false), titleParam(false, false), messageTypesParam(false)],
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
