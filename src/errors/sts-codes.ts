/**
 * Sts 2015-04-01 (AssumeRole, GetCallerIdentity) and the gateway's STS-token codes, which any operation may
 * answer once a request carries a security token. Sources: the STS API metadata (2024-06) and the public
 * gateway error tables (research notes, issue 15 §4.2).
 */
export const stsCodes = {
  'InvalidParameter.DurationSeconds': [400, 'The Min/Max value of DurationSeconds is 15min/1hr.'],
  'InvalidParameter.ExternalId': [400, 'The parameter ExternalId is wrongly formed.'],
  'InvalidParameter.RoleArn': [400, 'The parameter RoleArn is wrongly formed.'],
  'InvalidParameter.RoleSessionName': [400, 'The parameter RoleSessionName is wrongly formed.'],
  'InvalidParameter.PolicyGrammar': [400, 'The parameter Policy has not passed grammar check.'],
  'InvalidParameter.PolicySize': [400, 'The size of Policy must be smaller than 2048 bytes.'],
  'AuthenticationFail.ApiUsername': [403, 'The specified api username is not legal.'],
  'AuthenticationFail.ApiPassword': [403, 'The specified api password is not legal.'],
  'EntityNotExist.Role': [404, 'The specified Role not exists .'],
  'InvalidSecurityToken.Expired': [400, 'Specified SecurityToken is expired.'],
  'InvalidSecurityToken.Malformed': [400, 'Specified SecurityToken is malformed.'],
  'InvalidSecurityToken.MismatchWithAccessKey': [400, 'Specified SecurityToken mismatch with the AccessKey.'],
  MissingSecurityToken: [400, 'SecurityToken is mandatory for this action.'],
} as const satisfies Record<string, readonly [number, string]>;
