import { randomBytes, randomInt } from 'node:crypto';

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
