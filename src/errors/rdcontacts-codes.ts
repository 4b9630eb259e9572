/**
 * Codes of rdcontacts' own API (version 2026-12-01) beyond the catalog's: PascalCase, each with a 4xx
 * status. Parameter shape errors use the derived MissingParameter.X / InvalidParameter.X.
 */
export const rdcontactsCodes = {
  'InvalidParameter.Channel': [400, 'The Channel is invalid. It must be email or sms.'],
  'EntityNotExists.Message': [404, 'The message does not exist.'],
  'EntityNotExists.Webhook': [404, 'The message webhook does not exist.'],
  'EntityNotExists.Target': [404, 'The target of the message (a member account, a folder or the resource directory) does not exist.'],
  'InvalidParameter.Url.Credentials': [400, 'The Url must not carry a user name or password; put credentials in the Secret.'],
  'InvalidParameter.Secret.Length': [400, 'The Secret of a standard webhook must decode to 24 to 512 bytes (whsec_ followed by base64).'],
  'QuotaExceeded.Webhooks': [409, 'The resource directory has the most message webhooks it may have.'],
} as const satisfies Record<string, readonly [number, string]>;
