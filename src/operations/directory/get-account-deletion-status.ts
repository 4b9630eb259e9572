import { rfc3339Seconds } from '../../domain/dates.js';
import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetAccountDeletionStatus',
  // Answers after the member, and even its directory's tree, have changed: read by the caller's account.
  scope: 'tenant',
  resources: [account('AccountId')],
  params: [requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account (16 digits).' })],
  errors: ['EntityNotExists.Account', 'EntityNotExists.CheckAccount'],
  alsoAnswers: ['MissingParameter.AccountId', 'InvalidParameter.AccountId'],
  async handle(p, ctx) {
    const d = await ctx.services.accountDeletion.status(ctx.tenant, p.AccountId);
    return {
      RdAccountDeletionStatus: {
        AccountId: d.accountId,
        CreateTime: rfc3339Seconds(d.createdAt),
        // Empty until the deletion is done.
        DeletionTime: d.deletionTime === null ? '' : rfc3339Seconds(d.deletionTime),
        DeletionType: d.deletionType,
        FailReasonList: d.failReasons === null ? [] : JSON.parse(d.failReasons),
        Status: d.status,
      },
    };
  },
});
