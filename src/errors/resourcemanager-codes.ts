// ResourceManager 2020-03-31 codes beyond the catalog (and the same codes of the ResourceDirectoryMaster
// 2022-04-19 actions that share them): HTTP status and message as its API metadata gives them (2024-06).
export const resourceManagerCodes = {
  'AccountNotExist.DeleteAccount': [409, 'The deletion failed. The account does not exist. Please confirm whether it has been deleted.'],
  AccountTypeMismatch: [409, 'The type or status of the member account cannot satisfy the current operation.'],
  CallerIdentityError: [409, 'Please use the RAM user or role of the Management Account.'],
  'CallerIdentityError.DeleteAccount': [409, 'Please use the RAM user or role of the management account to delete.'],
  'EntityNotExists.CheckAccount': [409, 'There is no check task for this account'],
  InvalidControlPolicyEnablementStatus: [409, 'The control policy enablement status is not valid to perform this operation.'],
  LegalEntityDifferent: [409, 'The account legal entity is different from the one of the Management Account.'],
  MemberAccountAccessDenied: [403, 'The member account is not allowed to perform the operation.'],
  'MemberTypeError.DeleteAccount': [409, 'You can only delete accounts of the resource account type created by Resource Directory.'],
  MissingDisplayNameOrAccountType: [409, 'Either display name or account type must be specified.'],
  'NoLicense.ResourceDirectory': [409, 'The resource directory has not enabled the delete operation.'],
  'NotSupport.ControlPolicy': [409, 'Control policies are not supported by rdcontacts; the directory\'s ControlPolicyStatus is always Disabled.'],
  'NotSupport.HasPayerAccount': [409, 'This account has a payer account. Please release the financial relationship of this account first.'],
  'NotSupportedOperation.CheckingAccount': [409, 'The operation is not supported because the account is checking for deletion.'],
  'NotSupportedOperation.DeletingAccount': [409, 'The operation is not supported because the account is being deleted.'],
  PrimaryAkInUse: [409, 'The root user has an AccessKey pair in use.'],
  RemoveConfilctAccountAsDelegatedAdministator: [
    409,
    'You attempted to remove a member that is registered as a delegated administrator. To complete this operation, you must first deregister this account as a delegated administrator.',
  ],
  'Throttling.EnableControlPolicy': [409, 'The enable operation is too frequent. Please try again in %s minute(s).'],
  'UnknownError.Account': [409, 'The deletion failed. An unknown error occurred. Please try again later.'],
} as const;
