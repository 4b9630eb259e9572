/** The codes of rdcontacts' own actions (API 2026-12-01) beyond the catalog. */
export const rdcontactsCodes = {
  'InvalidParameter.MaxResults': [400, 'The MaxResults is invalid. It must be an integer from 1 to 100.'],
  'InvalidParameter.NextToken': [400, 'The NextToken is invalid. Pass the NextToken of the previous answer unchanged.'],
  'InvalidParameter.Channel': [400, 'The Channel is invalid. It must be email or sms.'],
} as const;
