import { accountDisplayName } from '../../domain/tree-names.js';
import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredAccountId, unreachableBecause } from './params.js';
import { accountSummary } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdateAccount',
  scope: 'directory',
  resources: [account('AccountId')],
  params: [
    {
      name: 'NewDisplayName',
      type: 'string',
      checks: [
        { code: 'InvalidParameter.Account.DisplayName', rule: 'letters, digits, _ . - space and Chinese characters', test: accountDisplayName.hasValidCharacters },
        { code: 'InvalidParameter.Account.DisplayName.Length', rule: '2-50 characters', test: accountDisplayName.hasValidLength },
      ],
      doc: 'The new display name: 2-50 characters, unique in the directory.',
    },
    {
      name: 'NewAccountType',
      type: 'string',
      checks: [{ code: 'InvalidParameter.NewAccountType', rule: 'ResourceAccount or CloudAccount', test: (v: string) => v === 'ResourceAccount' || v === 'CloudAccount' }],
      doc: 'ResourceAccount or CloudAccount. Members here are resource accounts; CloudAccount needs security information they lack.',
    },
    requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account to change (16 digits).' }),
  ],
  errors: [
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Account',
    'InvalidParameter.Account.DisplayName.AlreadyUsed',
    'MissingDisplayNameOrAccountType',
    'AccountTypeMismatch',
    'LegalEntityDifferent',
    'CallerIdentityError',
    'MissingSecurityInfo',
    'PrimaryAkInUse',
  ],
  unreachable: {
    AccountTypeMismatch: 'Every member here is a resource account in CreateSuccess status: every type change it can ask for is refused earlier (MissingSecurityInfo).',
    LegalEntityDifferent: unreachableBecause.realName,
    CallerIdentityError: 'Every request here is signed by the management account or one of its RAM users.',
    PrimaryAkInUse: 'Members here have no AccessKeys of their own.',
  },
  async handle(p, ctx) {
    const updated = await ctx.services.accounts.update(ctx.directory, p.AccountId, { displayName: p.NewDisplayName || undefined, type: p.NewAccountType || undefined });
    return { Account: accountSummary(updated) };
  },
});
