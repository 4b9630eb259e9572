import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { startupSummary } from '../../src/startup-summary.js';

/** The summary lines of a start with these settings, by subsystem. */
function summaryOf(env: Record<string, string>): Record<string, string> {
  const config = loadConfig({ RDC_DATA_DIR: '/srv/rdc', ...env });
  return Object.fromEntries(startupSummary(config, { metricsUrl: 'https://rdc.example:8443/metrics' }).map((l) => [l.fields.subsystem, l.msg]));
}

describe('the start-up summary of the console and TLS', () => {
  it('says the console is off, and HTTPS is on with the certificate it reads and the proxies it believes', () => {
    const summary = summaryOf({ RDC_CONSOLE: 'false', RDC_TLS_CERT_FILE: '/etc/rdc/cert.pem', RDC_TLS_KEY_FILE: '/etc/rdc/key.pem', RDC_TRUSTED_PROXIES: '10.0.0.0/8,fd00::/8' });
    assert.equal(summary.console, 'console: off (RDC_CONSOLE=false)');
    assert.equal(summary.tls, 'tls: HTTPS with /etc/rdc/cert.pem (re-read on SIGHUP); trusted proxies: 10.0.0.0/8, fd00::/8');
  });

  it('says how long a console sign-in lasts', () => {
    assert.equal(summaryOf({ RDC_CONSOLE_SESSION_TTL: '5400' }).console, 'console: /console, sign-ins last 90 min');
    assert.equal(summaryOf({ RDC_CONSOLE_SESSION_TTL: '45' }).console, 'console: /console, sign-ins last 45 s');
  });
});
