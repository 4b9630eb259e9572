import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'DeleteAccount',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [
    requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account to delete (16 digits).' }),
    // A JSON array of check IDs (Terraform sends `["SP_fc_fc"]`, or an empty string when it found none).
    // Nothing here is abandonable, so whatever is given is accepted and changes nothing.
    { name: 'AbandonableCheckId', type: 'string', doc: 'A JSON array of the IDs of abandonable checks to ignore; none arise here.' },
  ],
  errors: [
    'MissingParameter.AccountId',
    'InvalidParameter.AccountId',
    'EntityNotExists.Account',
    'EntityNotExists.ResourceDirectory',
    'AccountNotExist.DeleteAccount',
    'InvalidControlPolicyEnablementStatus',
    'NoLicense.ResourceDirectory',
    'CallerIdentityError.DeleteAccount',
    'RemoveConfilctAccountAsDelegatedAdministator',
    'LegalEntityDifferent',
    'MemberTypeError.DeleteAccount',
    'NotSupport.HasPayerAccount',
    'NotSupportedOperation.DeletingAccount',
    'NotSupportedOperation.CheckingAccount',
    'UnknownError.Account',
  ],
  unreachable: {
    'EntityNotExists.ResourceDirectory': unreachableBecause.accountFirst,
    'AccountNotExist.DeleteAccount': 'A member that is gone (deleted) answers EntityNotExists.Account, listed first.',
    InvalidControlPolicyEnablementStatus: unreachableBecause.deletionChecks,
    'CallerIdentityError.DeleteAccount': unreachableBecause.deletionChecks,
    RemoveConfilctAccountAsDelegatedAdministator: unreachableBecause.deletionChecks,
    LegalEntityDifferent: unreachableBecause.deletionChecks,
    'MemberTypeError.DeleteAccount': 'Every member here was created by CreateResourceAccount: a resource account.',
    'NotSupport.HasPayerAccount': 'Billing here is only a recorded relation: a member paid by another can be deleted; one paying for others fails its check (CheckFailed).',
    'NotSupportedOperation.DeletingAccount': 'A member leaves the directory as its deletion turns Deleting: a DeleteAccount then answers EntityNotExists.Account, listed first.',
    'UnknownError.Account': unreachableBecause.deletionNeverFails,
  },
  async handle(p, ctx) {
    const started = await ctx.services.accountDeletion.delete(ctx.directory, p.AccountId);
    return { DeletionType: started.deletionType };
  },
});
