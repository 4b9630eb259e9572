import { randomInt } from 'node:crypto';

/** Slots of a minute's first table; a table doubles when half full. */
const MIN_SLOTS = 1 << 10;

/** One minute's nonces: open addressing, linear probing; `ends` 0 marks an empty slot. */
interface Table {
  hi: Int32Array;
  lo: Int32Array;
  /** The second each nonce's window ends. */
  ends: Uint32Array;
  count: number;
}

/**
 * The nonces one SQLite node remembers, kept off the JavaScript heap. A `Map` of the keys cost ~100 bytes of
 * heap per nonce (~1 MB/s at 10,000 calls/s, held for the timestamp window), all of it walked by every full
 * garbage collection: the pauses that were most of GetMessageContact's p99 (docs/performance.md). Here a
 * nonce is a 64-bit hash of its key and the second its window ends, in typed arrays the collector never
 * walks, grouped by the minute its window ends: a minute's table is dropped whole once that minute has
 * passed, without a scan, so an expired nonce is forgotten within a minute of its window's end (a replay
 * of it meanwhile is still refused).
 *
 * Two different keys share a hash with a probability of about 2^-64 per pair; the hash is seeded at random
 * per process, so no caller can choose a nonce that collides with another's. A collision refuses one fresh
 * nonce as a replay, never accepts a replay.
 */
export class NonceSet {
  private readonly tables = new Map<number, Table>();
  private readonly seeds = [randomInt(2 ** 31), randomInt(2 ** 31)] as const;

  /** Nonces held (with those expired in a minute not yet passed). */
  get size(): number {
    let size = 0;
    for (const table of this.tables.values()) size += table.count;
    return size;
  }

  /**
   * Remembers `key` until `expiresAt` (ms) and answers true, or answers false when it is held and its window
   * has not ended at `now` (a replay).
   */
  add(key: string, expiresAt: number, now: number): boolean {
    const second = Math.floor(now / 1000);
    this.forgetBefore(Math.floor(second / 60));
    const hi = hash(key, this.seeds[0], 0x5bd1e995);
    const lo = hash(key, this.seeds[1], 0xcc9e2d51);
    for (const table of this.tables.values()) {
      const slot = find(table, hi, lo);
      if (table.ends[slot]! > second) return false;
    }
    const ends = Math.max(Math.ceil(expiresAt / 1000), 1);
    const table = this.tableOf(Math.floor((ends - 1) / 60));
    const slot = find(table, hi, lo);
    if (table.ends[slot] === 0) {
      table.hi[slot] = hi;
      table.lo[slot] = lo;
      table.count += 1;
    }
    table.ends[slot] = ends;
    if (table.count * 2 > table.ends.length) grow(table);
    return true;
  }

  /** Drops the tables of every minute before `minute`: all their windows have ended. */
  private forgetBefore(minute: number): void {
    for (const [m] of this.tables) if (m < minute) this.tables.delete(m);
  }

  private tableOf(minute: number): Table {
    let table = this.tables.get(minute);
    if (!table) {
      // As large as the fullest minute's: under steady load a table never has to grow (a pause per doubling).
      table = empty(slotsFor(Math.max(0, ...[...this.tables.values()].map((t) => t.count))));
      this.tables.set(minute, table);
    }
    return table;
  }
}

/** A power of two with room for `count` at half load. */
function slotsFor(count: number): number {
  let slots = MIN_SLOTS;
  while (slots < count * 2) slots *= 2;
  return slots;
}

function empty(slots: number): Table {
  return { hi: new Int32Array(slots), lo: new Int32Array(slots), ends: new Uint32Array(slots), count: 0 };
}

/** The slot holding (hi, lo), or the empty slot where it would go. */
function find(table: Table, hi: number, lo: number): number {
  const mask = table.ends.length - 1;
  let slot = lo & mask;
  while (table.ends[slot] !== 0 && (table.hi[slot] !== hi || table.lo[slot] !== lo)) slot = (slot + 1) & mask;
  return slot;
}

function grow(table: Table): void {
  const old = { ...table };
  const bigger = empty(old.ends.length * 2);
  for (let i = 0; i < old.ends.length; i++) {
    if (old.ends[i] === 0) continue;
    const slot = find(bigger, old.hi[i]!, old.lo[i]!);
    bigger.hi[slot] = old.hi[i]!;
    bigger.lo[slot] = old.lo[i]!;
    bigger.ends[slot] = old.ends[i]!;
  }
  Object.assign(table, { hi: bigger.hi, lo: bigger.lo, ends: bigger.ends });
}

/** A seeded 32-bit hash of `key` (murmur-style mixing of its UTF-16 code units); one lane per multiplier. */
function hash(key: string, seed: number, multiplier: number): number {
  let h = seed ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), multiplier);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), multiplier);
  return h ^ (h >>> 16);
}
