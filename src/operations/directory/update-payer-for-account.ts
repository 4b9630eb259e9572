import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdatePayerForAccount',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [requiredAccountId('AccountId'), requiredAccountId('PayerAccountId')],
  errors: ['EntityNotExists.ResourceDirectory', 'EntityNotExists.Account', 'NotSupport.PayerAccountInAnotherResourceDirectory'],
  async handle(p, ctx) {
    await ctx.services.payers.update(ctx.directory, p.AccountId, p.PayerAccountId);
    return {};
  },
});
