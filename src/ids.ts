import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` random base62 characters (unbiased: bytes >= 248 are redrawn). */
export function base62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** ID shapes of docs/decisions.md#ids. Random, never sequential; uniqueness is enforced by the store's keys. */
export const newId = {
  contact: () => 'c-' + base62(16),
  directory: () => 'rd-' + base62(6),
  rootFolder: () => 'r-' + base62(6),
  folder: () => 'fd-' + base62(10),
  account: () => String(randomInt(1, 10)) + Array.from({ length: 15 }, () => randomInt(0, 10)).join(''),
};

export const idPattern = {
  contact: /^c-[0-9A-Za-z]{16}$/,
  directory: /^rd-[0-9A-Za-z]{6}$/,
  rootFolder: /^r-[0-9A-Za-z]{6}$/,
  folder: /^fd-[0-9A-Za-z]{10}$/,
  account: /^[1-9]\d{15}$/,
};

/**
 * A UUID of version 7 (RFC 9562), upper case as ActionTrail writes event IDs: the time `at` (milliseconds) in
 * its first 48 bits, 74 random bits after. For the audit trail's events, whose ID is the primary key of their
 * table: IDs that grow with time are inserted at the end of the key's index, where random ones (version 4)
 * landed on a different page of it for nearly every event, and each page touched is written to the WAL again
 * on every commit (about half the CPU of storing an event, most of it in the kernel).
 */
export function timeOrderedUuid(at: number): string {
  const time = at.toString(16).padStart(12, '0');
  // randomUUID is `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`: its time fields are replaced, its variant kept.
  return (time.slice(0, 8) + '-' + time.slice(8, 12) + '-7' + randomUUID().slice(15)).toUpperCase();
}
