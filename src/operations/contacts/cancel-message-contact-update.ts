import { defineOperation } from '../operation.js';
import { contactIdParam, emailParam, phoneParam } from './params.js';

export default defineOperation({
  action: 'CancelMessageContactUpdate',
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
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    await ctx.services.contacts.cancelUpdate(rd, p.ContactId, { email: p.EmailAddress, phone: p.PhoneNumber });
    return {};
  },
});
