import { treeDate } from '../../domain/dates.js';
import { toTags } from '../../domain/tags.js';
import { accountDisplayName, accountNamePrefix } from '../../domain/tree-names.js';
import { defineOperation } from '../operation.js';
import { orUndefined, parentFolderIdParam, tagParam } from './params.js';

export default defineOperation({
  action: 'CreateResourceAccount',
  params: [
    {
      name: 'DisplayName',
      type: 'string',
      required: true,
      missingError: 'MissingParameter.Account.DisplayName',
      checks: [
        { code: 'MissingParameter.Account.DisplayName', rule: 'not empty', test: (v: string) => v !== '' },
        { code: 'InvalidParameter.Account.DisplayName', rule: 'letters, digits, _ . - space and Chinese characters', test: accountDisplayName.hasValidCharacters },
        { code: 'InvalidParameter.Account.DisplayName.Length', rule: '2-50 characters', test: accountDisplayName.hasValidLength },
      ],
    },
    parentFolderIdParam,
    {
      name: 'AccountNamePrefix',
      type: 'string',
      checks: [
        {
          code: 'InvalidParameter.Account.AccountNamePrefix',
          rule: 'letters, digits, _ . -; starts and ends with a letter or digit; no two special characters in a row',
          test: (v: string) => v === '' || accountNamePrefix.hasValidCharacters(v),
        },
        { code: 'InvalidParameter.Account.AccountNamePrefix.Length', rule: '2-50 characters', test: (v: string) => v === '' || accountNamePrefix.hasValidLength(v) },
      ],
    },
    { name: 'PayerAccountId', type: 'string' },
    tagParam,
    {
      name: 'ResellAccountType',
      type: 'string',
      checks: [{ code: 'InvalidParameter.ResellAccountType', rule: 'resell or non_resell', test: (v: string) => v === '' || v === 'resell' || v === 'non_resell' }],
    },
    { name: 'DryRun', type: 'boolean', default: false },
  ],
  errors: [
    'MissingParameter.Account.DisplayName',
    'InvalidParameter.Account.DisplayName',
    'InvalidParameter.Account.DisplayName.Length',
    'InvalidParameter.ParentFolderId',
    'InvalidParameter.Account.AccountNamePrefix',
    'InvalidParameter.Account.AccountNamePrefix.Length',
    'NotSupport.Site.Action',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'LimitExceeded.Account',
    'InvalidParameter.Account.DisplayName.AlreadyUsed',
    'EntityAlreadyExists.ResourceDirectory.Account',
    'Invalid.PayRelation',
    'NotSupport.PayerAccountInAnotherResourceDirectory',
    'CreateAccountDisabled',
    'PaymentAccountEnterpriseVerifyError',
    'PaymentAccountFinancialRelationshipVerifyError',
    'PaymentAccountEnterpriseTypeError',
    'PaymentAccountFinancialRelationshipsChangeFrequencyVerifyError',
    'MemberAccountVirtualCloudOperatorVerifyError',
    'MemberAccountResellerVerifyError',
    'PaymentAccountVirtualCloudOperatorVerifyError',
    'PaymentAccountResellerVerifyError',
    'PaymentAccountCreditIdentityTypeError',
    'InconsistentEnterpriseNameError',
    'PaymentAccountEnterpriseInvoiceError',
    'UnknownFinancialError',
    'BusinessRestricted',
    'FundAccountHasArrearsAmount',
    'FundAccountOwnerPayedByOthers',
    'UserOwnFundAccountPayForOthers',
    'EcoRelationCheckFailed',
    'NotSupport.SettingResellAccountType',
  ],
  async handle(p, ctx) {
    const account = await ctx.services.accounts.create(ctx.caller.key.principal.accountId, {
      displayName: p.DisplayName,
      parentId: orUndefined(p.ParentFolderId),
      accountNamePrefix: orUndefined(p.AccountNamePrefix),
      payerAccountId: orUndefined(p.PayerAccountId),
      resellAccountType: orUndefined(p.ResellAccountType),
      tags: toTags(p.Tag),
      dryRun: p.DryRun,
    });
    return {
      Account: {
        AccountId: account.id,
        AccountName: account.accountName,
        DisplayName: account.displayName,
        FolderId: account.folderId,
        JoinMethod: account.joinMethod,
        JoinTime: treeDate(account.joinTime),
        ModifyTime: treeDate(account.modifyTime),
        ResourceDirectoryId: account.directoryId,
        Status: account.status,
        Type: account.type,
      },
    };
  },
});
