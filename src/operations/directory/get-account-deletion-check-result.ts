import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetAccountDeletionCheckResult',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account (16 digits).' })],
  errors: [
    'MissingParameter.AccountId',
    'InvalidParameter.AccountId',
    'EntityNotExists.Account',
    'EntityNotExists.ResourceDirectory',
    'AccountTypeOrStatusMismatch',
    'EntityNotExists.CheckAccount',
    'UnknownError.Account',
  ],
  unreachable: {
    'EntityNotExists.ResourceDirectory': unreachableBecause.accountFirst,
    AccountTypeOrStatusMismatch: 'A member being deleted cannot be pre-checked (CheckAccountDelete refuses it), and once gone it answers EntityNotExists.Account.',
    'UnknownError.Account': unreachableBecause.deletionChecks,
  },
  async handle(p, ctx) {
    const result = await ctx.services.accountDeletion.checkResult(ctx.directory, p.AccountId);
    const reasons = result.notAllowReason.map((r) => ({ CheckId: r.checkId, CheckName: r.checkName, Description: r.description }));
    return {
      AccountDeletionCheckResultInfo: {
        // Members here hold no cloud resources: there is never a check that could be abandoned.
        AbandonableChecks: [],
        AllowDelete: String(result.allowDelete),
        NotAllowReason: reasons,
        Status: result.status,
      },
    };
  },
});
