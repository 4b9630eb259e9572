import { randomBytes, randomFillSync, randomInt } from 'node:crypto';

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
 * its first 48 bits, then a 12-bit counter (rand_a, RFC 9562's method 1), then 62 random bits. For the audit
 * trail's events, whose ID is the primary key of their table: IDs that grow with time are inserted at the end
 * of the key's index, where random ones (version 4) landed on a different page of it for nearly every event,
 * and each page touched is written to the WAL again on every commit (about half the CPU of storing an event,
 * most of it in the kernel). Events are listed by time, then ID: the counter keeps the IDs of one millisecond
 * in the order they were made, so calls made one after another within a millisecond (a fast server answers
 * several) are listed in their order. It starts each millisecond at a random value below 2048, and an ID
 * past 4095 in one millisecond takes a random counter (such a burst keeps no order among its last ones).
 */
export function timeOrderedUuid(at: number): string {
  if (at === counterAt && counter < 0xfff) counter += 1;
  else {
    counterAt = at;
    counter = randomInt(0, 0x800);
  }
  // Hex by bytes from a table: a double's toString(16) took most of this function's ~1.3 µs.
  const high = Math.floor(at / 0x1000000);
  const low = at % 0x1000000;
  const time = HEX[(high >> 16) & 255]! + HEX[(high >> 8) & 255] + HEX[high & 255] + HEX[low >> 16] + '-' + HEX[(low >> 8) & 255] + HEX[low & 255];
  // Then the variant (binary 10) and 62 random bits; upper-casing randomUUID's tail took ~0.5 µs.
  if (poolAt === POOL_BYTES) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 8;
  return (
    time + '-7' + HEX[counter >> 8]![1] + HEX[counter & 255] + '-' + HEX[(pool[r]! & 0x3f) | 0x80] + HEX[pool[r + 1]!] + '-' +
    HEX[pool[r + 2]!] + HEX[pool[r + 3]!] + HEX[pool[r + 4]!] + HEX[pool[r + 5]!] + HEX[pool[r + 6]!] + HEX[pool[r + 7]!]
  );
}

/** Random bytes for timeOrderedUuid, 8 per ID, filled again when used up. */
const POOL_BYTES = 8 * 512;
const pool = Buffer.alloc(POOL_BYTES);
let poolAt = POOL_BYTES;

/** Each byte's two upper-case hex digits. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0').toUpperCase());

/** The millisecond timeOrderedUuid last made an ID for, and that ID's counter. */
let counterAt = -1;
let counter = 0;
