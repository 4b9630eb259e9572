/**
 * The codes of rdcontacts' own actions (API 2026-12-01) beyond the catalog. A code the Resource Directory
 * API answers too (InvalidParameter.MaxResults, InvalidParameter.NextToken) keeps its message there.
 */
export const rdcontactsCodes = {
  'InvalidParameter.Channel': [400, 'The Channel is invalid. It must be email or sms.'],
} as const;
