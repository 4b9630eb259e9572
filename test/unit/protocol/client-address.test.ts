import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress, trustedProxies } from '../../../src/protocol/client-address.js';
import { ConfigError } from '../../../src/config.js';

const trusted = trustedProxies(['10.0.0.0/8', 'fd00::/8']);
const fromProxy = { address: '::ffff:10.1.1.1', encrypted: false };
const fromClient = { address: '198.51.100.9', encrypted: true };

describe('clientAddress: the client behind trusted proxies', () => {
  it('a peer that is not a trusted proxy is the client; its forwarding headers are ignored', () => {
    assert.deepEqual(clientAddress(fromClient, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'http' }, trusted), { ip: '198.51.100.9', secure: true });
    assert.deepEqual(clientAddress(fromProxy, { 'x-forwarded-for': '203.0.113.7' }, undefined), { ip: '10.1.1.1', secure: false });
  });

  it('X-Forwarded-For: the right-most address that is not a trusted proxy; one X-Forwarded-Proto is the client’s', () => {
    assert.deepEqual(clientAddress(fromProxy, { 'x-forwarded-for': '1.1.1.1, 203.0.113.7, 10.2.2.2', 'x-forwarded-proto': 'https' }, trusted), { ip: '203.0.113.7', secure: true });
    assert.deepEqual(clientAddress(fromProxy, { 'x-forwarded-for': ['203.0.113.7', '10.2.2.2:8443'] }, trusted), { ip: '203.0.113.7', secure: false });
    assert.deepEqual(clientAddress(fromProxy, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'http, https' }, trusted), { ip: '203.0.113.7', secure: true }, 'a list pairs from the right');
    assert.deepEqual(clientAddress(fromProxy, {}, trusted), { ip: '10.1.1.1', secure: false }, 'no header: the proxy itself');
  });

  it('RFC 7239 Forwarded wins over X-Forwarded-*; quoted IPv6 with a port, proto per element', () => {
    const headers = { forwarded: 'for=1.1.1.1;proto=http, for="[2001:db8::7]:4711";proto=https, for=10.3.3.3;proto=http', 'x-forwarded-for': '5.5.5.5' };
    assert.deepEqual(clientAddress(fromProxy, headers, trusted), { ip: '2001:db8::7', secure: true });
  });

  it('an address that is not an IP ends the walk and stays the client (it never matches an IpAddress condition)', () => {
    assert.deepEqual(clientAddress(fromProxy, { forwarded: 'for=203.0.113.7, for=unknown' }, trusted), { ip: 'unknown', secure: false });
  });

  it('RDC_TRUSTED_PROXIES takes addresses and CIDR blocks, and names a bad entry', () => {
    assert.equal(trustedProxies([]), undefined);
    assert.throws(() => trustedProxies(['10.0.0.0/8', '10.0.0.0/33']), (err: unknown) => err instanceof ConfigError && /RDC_TRUSTED_PROXIES.*"10\.0\.0\.0\/33"/.test(err.message));
  });
});
