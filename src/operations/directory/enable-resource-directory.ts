import { ApiError } from '../../errors/api-error.js';
import { treeDate } from '../../domain/dates.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { dryRunParam, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'EnableResourceDirectory',
  // The directory does not exist yet.
  scope: 'tenant',
  resources: [anyResource],
  params: [
    {
      name: 'EnableMode',
      type: 'string',
      required: true,
      doc: '`CurrentAccount`: the caller becomes the management account of a new directory; `NewManagementAccount`: a new account would be made the management account (not supported here).',
      checks: [{ code: 'InvalidParameter.EnableMode', rule: 'CurrentAccount or NewManagementAccount', test: (v: string) => v === 'CurrentAccount' || v === 'NewManagementAccount' }],
    },
    { name: 'MAName', type: 'string', doc: 'With `NewManagementAccount`: the new management account\'s name, `<prefix>@rdadmin.aliyunid.com`. Not used here.' },
    { name: 'MASecureMobilePhone', type: 'string', doc: 'With `NewManagementAccount`: its secure mobile phone, `<country code>-<number>`. Not used here.' },
    { name: 'VerificationCode', type: 'string', doc: 'With `NewManagementAccount`: the code sent to that phone. Not used here.' },
    dryRunParam,
  ],
  errors: [
    'NotSupport.AccountInAnotherResourceDirectory',
    'Invalid.EnterpriseName',
    'EnterpriseRealNameVerificationError',
    'EntityAlreadyExists.ResourceDirectory',
    'InvalidParameter.ManagementAccountName.AlreadyUsed',
    'Invalid.VerificationCode',
    'InvalidParameter.ManagementAccountName',
    'InvalidParameter.ManagementAccountSecurityInfo',
    'MissingSecureMobilePhone',
    'MissingSecurityInfo',
    'NotSupport.Account.Site',
    'Invalid.AccountType',
  ],
  alsoAnswers: ['NotSupport.NewManagementAccount'],
  unreachable: {
    'Invalid.EnterpriseName': unreachableBecause.realName,
    EnterpriseRealNameVerificationError: unreachableBecause.realName,
    'InvalidParameter.ManagementAccountName.AlreadyUsed': unreachableBecause.newManagementAccount,
    'Invalid.VerificationCode': unreachableBecause.newManagementAccount,
    'InvalidParameter.ManagementAccountName': unreachableBecause.newManagementAccount,
    'InvalidParameter.ManagementAccountSecurityInfo': unreachableBecause.newManagementAccount,
    MissingSecureMobilePhone: unreachableBecause.securityInfo,
    MissingSecurityInfo: unreachableBecause.securityInfo,
    'NotSupport.Account.Site': unreachableBecause.site,
    'Invalid.AccountType': unreachableBecause.accountType,
  },
  async handle(p, ctx) {
    if (p.EnableMode === 'NewManagementAccount') throw new ApiError('NotSupport.NewManagementAccount');
    const rd = await ctx.services.directory.enable(ctx.tenant, p.DryRun);
    return {
      ResourceDirectory: {
        CreateTime: treeDate(rd.createdAt),
        MasterAccountId: rd.accountId,
        MasterAccountName: rd.masterAccountName,
        ResourceDirectoryId: rd.id,
        RootFolderId: rd.rootFolderId,
      },
    };
  },
});
