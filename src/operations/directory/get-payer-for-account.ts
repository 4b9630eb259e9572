import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetPayerForAccount',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account (16 digits).' })],
  errors: ['EntityNotExists.ResourceDirectory', 'EntityNotExists.Account'],
  alsoAnswers: ['MissingParameter.AccountId', 'InvalidParameter.AccountId'],
  async handle(p, ctx) {
    // A member that settles its own bills has no billing account: both fields are empty (Terraform's
    // payer_account_id is optional, so a value there would be a perpetual diff).
    const payer = await ctx.services.payers.payerOf(ctx.directory, p.AccountId);
    return { PayerAccountId: payer.payerAccountId, PayerAccountName: payer.payerAccountName };
  },
});
