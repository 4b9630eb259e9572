import { anyResource } from '../../auth/resources.js';
import { enabledDirectory } from '../directory/render.js';
import { RESOURCE_MANAGER_2020, defineOperation } from '../operation.js';
import { unreachableBecause } from '../directory/params.js';

/** InitResourceDirectory: EnableResourceDirectory with EnableMode=CurrentAccount, the caller becoming the management account. */
export default defineOperation({
  ...RESOURCE_MANAGER_2020,
  action: 'InitResourceDirectory',
  // The directory does not exist yet.
  scope: 'tenant',
  resources: [anyResource],
  params: [],
  errors: [
    'NotSupport.AccountInAnotherResourceDirectory',
    'EnterpriseRealNameVerificationError',
    'Invalid.AccountType',
    'Invalid.EnterpriseName',
    'NotSupport.Account.Site',
    'EntityAlreadyExists.ResourceDirectory',
  ],
  unreachable: {
    EnterpriseRealNameVerificationError: unreachableBecause.realName,
    'Invalid.AccountType': unreachableBecause.accountType,
    'Invalid.EnterpriseName': unreachableBecause.realName,
    'NotSupport.Account.Site': unreachableBecause.site,
  },
  async handle(_p, ctx) {
    const rd = await ctx.services.directory.enable(ctx.tenant, false);
    return { ResourceDirectory: enabledDirectory(rd) };
  },
});
