import { defineOperation } from '../operation.js';
import { contactIdParam, phoneParam } from './params.js';

export default defineOperation({
  action: 'SendPhoneVerificationForMessageContact',
  params: [
    contactIdParam({ required: 'effectively' }),
    phoneParam({ required: 'effectively', emptyIsMissing: true, doc: "The contact's pending phone number, exactly as it was given." }),
  ],
  errors: [
    'MissingParameter.ContactId',
    'InvalidParameter.ContactId',
    'MissingParameter.PhoneNumber',
    'InvalidParameter.PhoneNumber',
    'InvalidParameter.MobileCountryCode',
    'EntityNotExists.Contact',
    'EntityNotExists.Contact.Verification',
    'SendValidateCodeExceedsLimitForAccount',
  ],
  alsoAnswers: ['ConcurrentCallNotSupported', 'EntityNotExists.ResourceDirectory', 'ServiceUnavailable'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    await ctx.services.verification.send(rd, p.ContactId, 'sms', p.PhoneNumber);
    return {};
  },
});
