import { contactDate } from '../../domain/dates.js';
import { allContacts } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { emailParam, messageTypesParam, nameParam, phoneParam, titleParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'AddMessageContact',
  scope: 'directory',
  resources: [allContacts],
  params: [
    nameParam({ required: true, emptyIsMissing: true }),
    emailParam({ required: true, emptyIsMissing: true, withLength: true }),
    phoneParam({ required: false, emptyIsMissing: true }),
    titleParam({ required: true, emptyIsMissing: true }),
    messageTypesParam({ required: true }),
  ],
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
  unreachable: {
    ConcurrentCallNotSupported:
      'Not over SQLite, the store of the recorded run: additions to a directory are serialised in its one process. Over PostgreSQL an addition that would wait longer than 2 s for the directory\'s row, locked by another node, answers it, as the PostgreSQL run of npm test checks.',
  },
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
