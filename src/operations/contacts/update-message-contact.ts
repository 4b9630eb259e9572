import { defineOperation } from '../operation.js';
import { contactIdParam, emailParam, messageTypesParam, nameParam, phoneParam, titleParam } from './params.js';

export default defineOperation({
  action: 'UpdateMessageContact',
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
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    await ctx.services.contacts.update(rd, p.ContactId, {
      name: p.Name,
      email: p.EmailAddress,
      phone: p.PhoneNumber,
      title: p.Title,
      messageTypes: p.MessageTypes,
    });
    return {};
  },
});
