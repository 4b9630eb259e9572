/**
 * The gateway's own error codes: those every operation may answer before its own checks run (signature,
 * timestamp, nonce, action, RAM, throttling, the request's form) and the few our decisions add
 * (docs/decisions.md#gateway-errors). operations.json documents only the operations' codes, so these are
 * declared here, once. scripts/gen-catalog.ts merges them into catalog.ts, which is what the server reads.
 */
export const gatewayCodes: Readonly<Record<string, readonly [status: number, message: string]>> = {
  MissingParameter: [400, 'The input parameter is missing.'],
  InvalidParameter: [400, 'The specified parameter is invalid.'],
  SignatureDoesNotMatch: [400, 'Specified signature is not matched with our calculation.'],
  'InvalidAccessKeyId.NotFound': [404, 'Specified access key is not found.'],
  'InvalidAccessKeyId.Inactive': [400, 'Specified access key is disabled.'],
  'InvalidTimeStamp.Expired': [400, 'Specified time stamp or date value is expired.'],
  'InvalidTimeStamp.Format': [400, 'Specified time stamp or date value is not well formatted.'],
  SignatureNonceUsed: [400, 'Specified signature nonce was used already.'],
  IncompleteSignature: [400, 'The request signature does not conform to Aliyun standards.'],
  'InvalidAuthorization.NotSupported': [400, 'Bearer tokens and anonymous requests are not supported; sign with an AccessKey pair.'],
  UnsupportedSignatureMethod: [400, 'The signature method is not supported; use HMAC-SHA1 (V1), ACS3-HMAC-SHA256 or ACS3-HMAC-SM3 (V3).'],
  'InvalidAction.NotFound': [404, 'Specified api is not found, please check your url and method.'],
  NoPermission: [403, 'You are not authorized to do this action. You should be authorized by RAM.'],
  'Throttling.User': [429, 'Request was denied due to user flow control.'],
  InternalError: [500, 'The request processing has failed due to some unknown error, exception or failure.'],
  ServiceUnavailable: [503, 'The request has failed due to a temporary failure of the server.'],
  'InvalidRequest.BodyTooLarge': [413, 'The request body exceeds the size limit.'],
  'InvalidRequest.Malformed': [400, 'The request could not be parsed.'],
  'InvalidRequest.TooManyParameters': [400, 'A request carries at most 1000 parameters in its query and 1000 in its body.'],
  'InvalidParameter.TooLong': [400, 'A parameter exceeds 8192 characters (encoded).'],
  'InvalidRequest.Timeout': [408, 'The request was not received within the time limit.'],
  'InvalidRequest.MethodNotAllowed': [405, 'Only GET and POST are accepted on /.'],
  'InvalidParameter.Duplicate': [400, 'A parameter was given more than once with different values.'],
  'InvalidParameter.Encoding': [400, 'A parameter is not valid percent-encoded UTF-8.'],
  'InvalidParameter.SignatureNonce': [400, 'The SignatureNonce must be 1 to 128 printable ASCII characters without spaces.'],
  'NotSupport.NewManagementAccount': [409, 'EnableMode NewManagementAccount is not supported by rdcontacts; use CurrentAccount.'],
};
