import { defineOperation } from '../operation.js';
import { requiredAccountId, requiredFolderId, unreachableBecause } from './params.js';

export default defineOperation({
  action: 'MoveAccount',
  params: [requiredAccountId('AccountId'), requiredFolderId('DestinationFolderId')],
  errors: [
    'MissingParameter.AccountId',
    'InvalidParameter.AccountId',
    'MissingParameter.DestinationFolderId',
    'InvalidParameter.DestinationFolderId',
    'EntityNotExists.Account',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'AccountTypeOrStatusMismatch',
  ],
  unreachable: { 'EntityNotExists.ResourceDirectory': unreachableBecause.accountFirst },
  async handle(p, ctx) {
    await ctx.services.accounts.move(ctx.caller.key.principal.accountId, p.AccountId, p.DestinationFolderId);
    return {};
  },
});
