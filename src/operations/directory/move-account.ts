import { account, folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId, requiredFolderId, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'MoveAccount',
  // EntityNotExists.Account answers before EntityNotExists.ResourceDirectory (the error table's order).
  scope: 'tenant',
  resources: [account('AccountId'), folder('DestinationFolderId')],
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
  // A member whose parent folder's contact is being unbound waits (docs/decisions.md).
  alsoAnswers: ['ConcurrentCallNotSupported'],
  unreachable: {
    'EntityNotExists.ResourceDirectory': unreachableBecause.accountFirst,
    AccountTypeOrStatusMismatch:
      'every member here is a created resource account, which may move; the one refusal the user guide describes (an unbind task above the member) answers ConcurrentCallNotSupported, which Terraform retries (docs/decisions.md)',
  },
  async handle(p, ctx) {
    await ctx.services.accounts.move(ctx.tenant, p.AccountId, p.DestinationFolderId);
    return {};
  },
});
