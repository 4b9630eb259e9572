import { defineOperation } from '../operation.js';
import { requiredAccountId, requiredFolderId, unreachableBecause } from './params.js';

export default defineOperation({
  action: 'MoveAccount',
  params: [
    requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account to move (16 digits).' }),
    requiredFolderId({ name: 'DestinationFolderId', doc: 'The ID of the folder to move it to (`r-` Root or `fd-`).' }),
  ],
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
