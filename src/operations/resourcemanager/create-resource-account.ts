import createResourceAccount from '../directory/create-resource-account.js';
import { paramsOf, servedAs2020 } from './served-as-2020.js';

/** Codes of the 2022-04-19 table that the 2020-03-31 table does not list (both are billing checks or resellers'). */
const NOT_IN_2020 = ['FundAccountHasArrearsAmount', 'FundAccountOwnerPayedByOthers', 'UserOwnFundAccountPayForOthers', 'EcoRelationCheckFailed', 'NotSupport.SettingResellAccountType'];
const in2020 = (code: string) => !NOT_IN_2020.includes(code);

/** Terraform also sends its tags as `Tags.N.Key` / `Tags.N.Value`: unknown parameters, ignored (it tags with TagResources next). */
export default servedAs2020(createResourceAccount, {
  params: paramsOf(createResourceAccount, ['DisplayName', 'ParentFolderId', 'AccountNamePrefix', 'PayerAccountId', 'Tag', 'ResellAccountType']),
  errors: createResourceAccount.errors.filter(in2020),
  alsoAnswers: ['NotSupport.SettingResellAccountType'],
  unreachable: Object.fromEntries(Object.entries(createResourceAccount.unreachable ?? {}).filter(([code]) => in2020(code))),
});
