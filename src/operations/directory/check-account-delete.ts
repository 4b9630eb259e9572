import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'CheckAccountDelete',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account (16 digits).' })],
  errors: [
    'MissingParameter.AccountId',
    'InvalidParameter.AccountId',
    'EntityNotExists.Account',
    'EntityNotExists.ResourceDirectory',
    'AccountTypeOrStatusMismatch',
    'InvalidControlPolicyEnablementStatus',
    'NoLicense.ResourceDirectory',
    'UnknownError.Account',
    'CallerIdentityError.DeleteAccount',
    'RemoveConfilctAccountAsDelegatedAdministator',
    'LegalEntityDifferent',
    'MemberTypeError.DeleteAccount',
  ],
  unreachable: {
    'EntityNotExists.ResourceDirectory': unreachableBecause.accountFirst,
    InvalidControlPolicyEnablementStatus: unreachableBecause.deletionChecks,
    'UnknownError.Account': unreachableBecause.deletionChecks,
    'CallerIdentityError.DeleteAccount': unreachableBecause.deletionChecks,
    RemoveConfilctAccountAsDelegatedAdministator: unreachableBecause.deletionChecks,
    LegalEntityDifferent: unreachableBecause.deletionChecks,
    'MemberTypeError.DeleteAccount': 'Every member here was created by CreateResourceAccount: a resource account.',
  },
  async handle(p, ctx) {
    await ctx.services.accountDeletion.check(ctx.directory, p.AccountId);
    return {};
  },
});
