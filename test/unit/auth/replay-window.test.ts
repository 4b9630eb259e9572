import { randomBytes } from 'node:crypto';
/**
 * A nonce is remembered for as long as its timestamp is accepted, to the last millisecond of the window:
 * a replay at the window's very edge is refused, and one millisecond later the timestamp itself is.
 */
import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoleSessions } from '../../../src/auth/role-sessions.js';
import { SessionTokens } from '../../../src/auth/session-tokens.js';
import { Authenticator } from '../../../src/auth/authenticate.js';
import { KeyRing } from '../../../src/auth/keys.js';
import { ApiError } from '../../../src/errors/api-error.js';
import { readApiRequest } from '../../../src/protocol/request.js';
import { openSqliteStore } from '../../../src/store/sqlite/open.js';
import type { Store } from '../../../src/store/store.js';
import { formEncode, signedV1Params, utcTimestamp } from '../../support/hand-signed.js';

const creds = { accessKeyId: 'LTAIreplaywindow', accessKeySecret: 'replay-window-secret' };
const WINDOW_MS = 60_000;

describe('the replay window', () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdc-window-'));
    store = await openSqliteStore(dir);
  });
  after(async () => {
    mock.timers.reset();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a replay in the exact millisecond the window ends is refused; a millisecond later the timestamp is expired', async () => {
    const signedAt = Math.floor(Date.now() / 1000) * 1000;
    // The registry and the authenticator read the same mocked clock.
    mock.timers.enable({ apis: ['Date'], now: signedAt });
    const keys = new KeyRing([{ id: creds.accessKeyId, secret: creds.accessKeySecret, status: 'Active', principal: { accountId: '1234567890123456', type: 'Root', name: '1234567890123456' } }]);
    const authenticator = new Authenticator({
      keys,
      sessions: new RoleSessions(keys, new SessionTokens(randomBytes(32))),
      nonces: store.nonces,
      windowMs: WINDOW_MS,
    });
    const body = formEncode(signedV1Params(creds, 'GetResourceDirectory', {}, { timestamp: utcTimestamp(signedAt), nonce: 'edge-nonce' }));
    const request = () =>
      readApiRequest({ requestId: 'R', method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: Buffer.from(body), sourceIp: '127.0.0.1', secureTransport: false });
    const outcome = () => authenticator.authenticate(request()).then(() => 'accepted', (err: ApiError) => err.code);

    assert.equal(await outcome(), 'accepted', 'the first use');
    mock.timers.tick(WINDOW_MS);
    assert.equal(await outcome(), 'SignatureNonceUsed', 'the replay at the last accepted millisecond');
    mock.timers.tick(1);
    assert.equal(await outcome(), 'InvalidTimeStamp.Expired', 'one millisecond later');
  });
});
