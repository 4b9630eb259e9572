import { contact } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, emailParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'SendEmailVerificationForMessageContact',
  scope: 'directory',
  resources: [contact],
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
    await ctx.services.verification.send(ctx.directory, p.ContactId, 'email', p.EmailAddress);
    return {};
  },
});
