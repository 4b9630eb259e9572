/**
 * percentEncode leaves unreserved text as it is without encoding it (src/protocol/percent-encode.ts): what it
 * answers must stay RFC 3986's encoding as the signatures use it, for every character.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { percentEncode } from '../../../src/protocol/percent-encode.js';

/** The encoding spelled out: UTF-8 bytes, each but A-Z a-z 0-9 - _ . ~ as %XX in upper case. */
function byBytes(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

describe('percentEncode', () => {
  it('encodes every ASCII character as RFC 3986 does, alone and among unreserved ones', () => {
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code);
      for (const value of [c, `a${c}b`, `${c}${c}`]) assert.equal(percentEncode(value), byBytes(value), JSON.stringify(value));
    }
  });

  it('leaves unreserved text, and the empty string, as it is; encodes the rest of random text byte by byte', () => {
    for (const value of ['', 'GetMessageContact', 'c-AbC012_.~-', '2026-12-07', 'ACS3-HMAC-SHA256']) assert.equal(percentEncode(value), value);
    const alphabet = [...'aZ09-_.~ +/=&%*!\'()é中🙂\n'];
    for (let i = 0; i < 2000; i++) {
      const value = Array.from({ length: 1 + (i % 20) }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
      assert.equal(percentEncode(value), byBytes(value), JSON.stringify(value));
    }
  });
});
