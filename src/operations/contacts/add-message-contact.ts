import { contactDate } from '../../domain/dates.js';
import { allContacts } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { emailParam, messageTypesParam, nameParam, phoneParam, titleParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'AddMessageContact',
  scope: 'directory',
  resources: [allContacts],
  params: [nameParam(true, true), emailParam(true, true, true), phoneParam(false, true), titleParam(true, true), messageTypesParam(true)],
  errors: [
    'MissingParameter.Name',
    'InvalidParameter.Name',
    'InvalidParameter.Name.Length',
    'InvalidParameter.Name.AlreadyUsed',
    'MissingParameter.EmailAddress',
    'InvalidParameter.EmailAddress',
    'MissingParameter.PhoneNumber',
    'InvalidParameter.PhoneNumber',
    'MissingParameter.Title',
    'InvalidParameter.Title',
    'MissingParameter.MessageTypes',
    'InvalidParameter.MessageTypes',
    'LimitExceeded.Contacts',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.EmailAddress.Length',
    'ConcurrentCallNotSupported',
  ],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const contact = await ctx.services.contacts.add(ctx.directory, {
      name: p.Name,
      email: p.EmailAddress,
      phone: p.PhoneNumber,
      title: p.Title,
      messageTypes: p.MessageTypes,
    });
    return { Contact: { ContactId: contact.id, CreateDate: contactDate(contact.createdAt) } };
  },
});
