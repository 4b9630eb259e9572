/**
 * Contact dates and the audit trail's event times are formatted by arithmetic (src/domain/dates.ts), not by
 * Date: they must be exactly what `new Date(ms).toISOString()` gives, cut to the second (with a space for
 * contacts, with its Z for events), for any time of years 0 to 9999.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contactDate, isoSeconds } from '../../../src/domain/dates.js';

const byDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const isoByDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('contactDate and isoSeconds', () => {
  it('formats as Date does on the edges of days, months, leap years and centuries', () => {
    const edges = ['1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2000-02-29T12:00:00.000Z', '1900-02-28T23:59:59.000Z', '1900-03-01T00:00:00.000Z', '2100-03-01T00:00:00.500Z', '2024-12-31T23:59:59.999Z', '2025-01-01T00:00:00.000Z', '2026-12-07T16:55:09.123Z'];
    for (const edge of edges) {
      const ms = Date.parse(edge);
      for (const delta of [-1001, -1000, -1, 0, 1, 999, 1000]) {
        const expected = byDate(ms + delta);
        // Years before 0 or after 9999 are written with a sign by Date; no contact is dated there.
        if (/^[-+]/.test(expected)) continue;
        assert.equal(contactDate(ms + delta), expected, `${edge} ${delta} ms`);
        assert.equal(isoSeconds(ms + delta), isoByDate(ms + delta), `${edge} ${delta} ms`);
      }
    }
  });

  it('formats as Date does at 200,000 random times of years 0 to 9999', () => {
    const from = Date.parse('0000-01-01T00:00:00.000Z');
    const to = Date.parse('9999-12-31T23:59:59.999Z');
    for (let i = 0; i < 200_000; i++) {
      const ms = from + Math.floor(Math.random() * (to - from));
      assert.equal(contactDate(ms), byDate(ms), String(ms));
      assert.equal(isoSeconds(ms), isoByDate(ms), String(ms));
    }
  });
});
