import createResourceAccount from '../directory/create-resource-account.js';
import { paramsOf, servedAs2020 } from './served-as-2020.js';

const ERRORS = [
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
  'InconsistentEnterpriseNameError',
  'PaymentAccountEnterpriseInvoiceError',
  'UnknownFinancialError',
  'BusinessRestricted',
  'PaymentAccountCreditIdentityTypeError',
] as const;

/** Terraform also sends its tags as `Tags.N.Key` / `Tags.N.Value`: unknown parameters, ignored (it tags with TagResources next). */
export default servedAs2020(createResourceAccount, {
  params: paramsOf(createResourceAccount, ['DisplayName', 'ParentFolderId', 'AccountNamePrefix', 'PayerAccountId', 'Tag', 'ResellAccountType']),
  errors: ERRORS,
  alsoAnswers: ['NotSupport.SettingResellAccountType'],
  unreachable: Object.fromEntries(Object.entries(createResourceAccount.unreachable ?? {}).filter(([code]) => (ERRORS as readonly string[]).includes(code))),
});
