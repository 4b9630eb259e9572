import { defineOperation } from '../operation.js';
import { contactIdParam, emailParam } from './params.js';

export default defineOperation({
  action: 'SendEmailVerificationForMessageContact',
  params: [
    contactIdParam({ required: 'effectively' }),
    emailParam({ required: 'effectively', emptyIsMissing: true, withLength: false, doc: "The contact's pending email address, exactly as it was given." }),
  ],
  errors: [
    'MissingParameter.ContactId',
    'InvalidParameter.ContactId',
    'MissingParameter.EmailAddress',
    'InvalidParameter.EmailAddress',
    'EntityNotExists.Contact',
    'EntityNotExists.Contact.Verification',
    'SendValidateCodeExceedsLimitForAccount',
  ],
  alsoAnswers: ['ConcurrentCallNotSupported', 'EntityNotExists.ResourceDirectory', 'ServiceUnavailable'],
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    await ctx.services.verification.send(rd, p.ContactId, 'email', p.EmailAddress);
    return {};
  },
});
