/**
 * V3 signatures are HMACs made from one-shot hashes over pads kept per secret (src/protocol/signature-v3.ts),
 * not by createHmac: they must be exactly createHmac's, for any secret (longer than a block too, in any
 * script), any string to sign (longer than the kept buffer too), one after another on the same pads, and past
 * the number of secrets kept.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { SM3_AVAILABLE, signV3, V3_ALGORITHMS, type V3Algorithm } from '../../../src/protocol/signature-v3.js';

const algorithms = (Object.keys(V3_ALGORITHMS) as V3Algorithm[]).filter((a) => a !== 'ACS3-HMAC-SM3' || SM3_AVAILABLE);

const text = (length: number, alphabet = 'abcXYZ019+/=\n é中🙂') => Array.from({ length }, () => [...alphabet][Math.floor(Math.random() * [...alphabet].length)]).join('');

describe('V3 signatures from kept pads', () => {
  for (const algorithm of algorithms) {
    it(`equal createHmac's (${algorithm})`, () => {
      const byCreateHmac = (secret: string, message: string) => createHmac(V3_ALGORITHMS[algorithm], secret).update(message).digest('hex');
      const secrets = [0, 1, 30, 63, 64, 65, 200].flatMap((n) => [randomBytes(n).toString('base64').slice(0, n), text(n)]);
      for (const secret of secrets) {
        // Long then short then long on the same pads: what an earlier, longer message left must not count.
        for (const message of ['ACS3-HMAC-SHA256\n' + randomBytes(32).toString('hex'), text(500), '', text(3), text(341), text(342), text(2000)]) {
          assert.equal(signV3(secret, message, algorithm), byCreateHmac(secret, message), `secret of ${secret.length}, message of ${message.length}`);
        }
      }
    });
  }

  it('keeps answering alike past the number of secrets it keeps pads for', () => {
    for (let i = 0; i < 2500; i++) {
      const secret = randomBytes(15).toString('hex');
      const message = 'ACS3-HMAC-SHA256\n' + i;
      assert.equal(signV3(secret, message), createHmac('sha256', secret).update(message).digest('hex'));
    }
  });
});
