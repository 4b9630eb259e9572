import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdatePayerForAccount',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account (16 digits).' }), requiredAccountId({ name: 'PayerAccountId', doc: 'The ID of the new billing account: the management account or a member of the same directory.' })],
  errors: ['EntityNotExists.ResourceDirectory', 'EntityNotExists.Account', 'NotSupport.PayerAccountInAnotherResourceDirectory'],
  async handle(p, ctx) {
    await ctx.services.payers.update(ctx.directory, p.AccountId, p.PayerAccountId);
    return {};
  },
});
