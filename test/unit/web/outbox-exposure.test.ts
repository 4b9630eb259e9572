import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, outboxExposure } from '../../../src/web/outbox-exposure.js';

const none = () => false;
const smsReal = (c: string) => c === 'sms';

describe('outboxExposure: when the unauthenticated outbox is served', () => {
  it('auto: only on loopback and without real delivery', () => {
    assert.deepEqual(outboxExposure({ outbox: 'auto', host: '127.0.0.1' }, none), { served: true, channels: ['email', 'sms'] });
    assert.equal(outboxExposure({ outbox: 'auto', host: '0.0.0.0' }, none).served, false);
    assert.equal(outboxExposure({ outbox: 'auto', host: '::' }, none).served, false);
    assert.equal(outboxExposure({ outbox: 'auto', host: '127.0.0.1' }, smsReal).served, false);
  });

  it('true: served with a warning saying why it would not be; a channel with real delivery is never shown', () => {
    const open = outboxExposure({ outbox: 'true', host: '0.0.0.0' }, smsReal);
    assert.deepEqual([open.served, open.channels], [true, ['email']]);
    assert.match(open.warning!, /listens on 0\.0\.0\.0, not on loopback only, and real delivery is configured \(only email messages are shown\)/);
    assert.equal(outboxExposure({ outbox: 'true', host: '127.0.0.1' }, none).warning, undefined);
    assert.equal(outboxExposure({ outbox: 'true', host: '127.0.0.1' }, () => true).served, false, 'nothing left to show');
  });

  it('false: never', () => {
    assert.equal(outboxExposure({ outbox: 'false', host: '127.0.0.1' }, none).served, false);
  });

  it('loopback names', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com', 'localhost.example.com', '128.0.0.1']) assert.ok(!isLoopbackHost(host), host);
  });
});
