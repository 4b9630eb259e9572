import assert from 'node:assert/strict';
import { codes as catalog } from '../../src/errors/codes.js';
import { errorOf } from './clients.js';

/**
 * Asserts that `call` fails with exactly this code and HTTP status, and (for a catalog code) the catalog's
 * message, as the official client reports them; `message`, when given, is the exact message expected (for a
 * code outside the catalog, such as a derived `InvalidParameter.<Name>`).
 */
export async function rejectsWith(call: Promise<unknown>, code: string, status: number, message?: string): Promise<void> {
  const outcome = await call.then(
    (body) => ({ ok: true as const, body }),
    (err) => ({ ok: false as const, err }),
  );
  if (outcome.ok) assert.fail(`expected ${status} ${code}, but the call succeeded: ${JSON.stringify(outcome.body)}`);
  const e = errorOf(outcome.err);
  assert.equal(e.code, code, `code (message: ${e.message})`);
  assert.equal(e.status, status, `HTTP status of ${code}`);
  const known = (catalog as Record<string, readonly [number, string]>)[code];
  if (known) assert.equal(e.data?.Message, known[1], `message of ${code}`);
  if (message !== undefined) assert.equal(e.data?.Message, message, `message of ${code}`);
}
