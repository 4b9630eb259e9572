import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, phoneParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'SendPhoneVerificationForMessageContact',
  scope: 'directory',
  resources: [contact],
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
    await ctx.services.verification.send(ctx.directory, p.ContactId, 'sms', p.PhoneNumber);
    return {};
  },
});
