import { catalog } from './catalog.js';
import { stsCodes } from './sts-codes.js';
import { rdcontactsCodes } from './rdcontacts-codes.js';

/**
 * Every code the server can answer, with its HTTP status and message: the generated catalog (the
 * ResourceDirectoryMaster spec and the gateway) plus one table per further product served on the same
 * endpoint (each in its own file here, spread in below).
 */
export const codes = {
  ...catalog,
  ...stsCodes,
  ...rdcontactsCodes,
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof codes;
