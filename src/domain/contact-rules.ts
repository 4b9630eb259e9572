/**
 * The value rules of a message contact (docs/decisions.md#name, #email, #phone). Pure functions: the parameter tables
 * of the operations use them, and unit tests check them directly.
 */

export const TITLES = ['FinanceDirector', 'TechnicalDirector', 'MaintenanceDirector', 'CEO', 'ProjectDirector', 'Other'] as const;
export const MESSAGE_TYPES = ['ServiceMessage', 'FaultMessage', 'AccountExpenses', 'SecurityMessage', 'ActivityMessage', 'ProductMessage'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const NAME_MIN = 2;
export const NAME_MAX = 12;
export const EMAIL_MAX = 254;

/** Every character a Latin letter or a CJK ideograph (an empty name has no wrong character). */
export function nameCharactersValid(name: string): boolean {
  return /^[A-Za-z\p{Unified_Ideograph}]*$/u.test(name);
}

/** 2–12 characters, counted as code points (an ideograph outside the BMP is one character, not two). */
export function nameLengthValid(name: string): boolean {
  const length = [...name].length;
  return length >= NAME_MIN && length <= NAME_MAX;
}

const ATEXT = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+";
const EMAIL = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+$`);

/** `local@domain`: an RFC 5322 dot-atom local part; a domain of at least two labels of letters, digits, hyphens. */
export function emailShapeValid(email: string): boolean {
  return EMAIL.test(email);
}

export function emailLengthValid(email: string): boolean {
  return email.length <= EMAIL_MAX;
}

const PHONE = /^(\d{1,4})-(\d{4,15})$/;
/** National number rules of the country codes that have one; others take 4–15 digits. */
const NATIONAL: Record<string, RegExp> = { '86': /^1\d{10}$/ };

/**
 * `<country code>-<national number>`. A number whose country code is not accepted is judged by
 * phoneCountryAllowed instead, so that it answers InvalidParameter.MobileCountryCode.
 */
export function phoneShapeValid(phone: string, allowedCountryCodes: readonly string[]): boolean {
  const m = PHONE.exec(phone);
  if (!m) return false;
  const [, country, national] = m as unknown as [string, string, string];
  if (!allowedCountryCodes.includes(country)) return true;
  return (NATIONAL[country] ?? /^\d{4,15}$/).test(national);
}

/** The country code of a well-shaped number is one this site accepts. */
export function phoneCountryAllowed(phone: string, allowedCountryCodes: readonly string[]): boolean {
  const m = PHONE.exec(phone);
  return m === null || allowedCountryCodes.includes(m[1]!);
}

export type MemberKind = 'directory' | 'rootFolder' | 'folder' | 'account';

/** What an ID in `Members`/`Member` names, by its shape; undefined when it has no known shape. */
export function memberKindOf(id: string): MemberKind | undefined {
  if (/^rd-[0-9A-Za-z]{6}$/.test(id)) return 'directory';
  if (/^r-[0-9A-Za-z]{6}$/.test(id)) return 'rootFolder';
  if (/^fd-[0-9A-Za-z]{10}$/.test(id)) return 'folder';
  if (/^[1-9]\d{15}$/.test(id)) return 'account';
  return undefined;
}

/** Message types in the order given, each once. */
export function distinctMessageTypes(types: readonly string[]): MessageType[] {
  return [...new Set(types)] as MessageType[];
}
