/**
 * The codes of ActionTrail's LookupEvents (Actiontrail 2020-07-06), as its API documentation lists them
 * (IncompleteSignature is the gateway's, already in the catalog).
 */
export const actiontrailCodes = {
  InvalidParameterCombination: [400, 'The end time must be later than the start time.'],
  InvalidQueryParameter: [400, 'The specified query parameter is invalid.'],
  InvalidParameterEndTime: [400, 'The specified EndTime is invalid.'],
  InvalidParameterStartTime: [400, 'The specified StartTime is invalid.'],
} as const;
