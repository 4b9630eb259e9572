/**
 * GET /metrics end to end: a real server on 127.0.0.1 (SQLite, or PostgreSQL in the e2e pass with
 * RDC_TEST_STORE=postgres) runs a scripted workload through the official clients, then one scrape must show
 * each documented metric with the counts the workload implies: API calls by action, version and status
 * class, a signature failure by code, a RAM denial, a webhook delivery that failed once then succeeded,
 * leases of a "dead node" taken over, the queue and the outbox. With RDC_METRICS_PORT the metrics move to a
 * listener of their own and the main port no longer has them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { DELIVERY_JOB } from '../../../src/delivery/dispatcher.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { startReceiver, type Receiver } from '../../support/receiver.js';
import { addAccount, enableDirectory, expectError } from '../../support/contacts.js';
import { seedContact, settledMessage } from '../../support/messages.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';
import { eventually } from '../../support/eventually.js';
import { makeClient } from '../../support/clients.js';
import { killHard, serveProcess } from '../../support/process.js';

const ROOT_ACCOUNT = '1000000000000001';
const RDC_VERSION = '2022-04-19';
const EXTENSION_VERSION = '2026-12-01';

/** One sample of the exposition: metric name, its labels, its value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (the lines that are samples; `# HELP` and `# TYPE` are kept apart). */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

/** The value of the one sample of `name` with exactly `labels` (undefined when there is none). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.keys(s.labels).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.ok(found.length <= 1, `one sample of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(url: string): Promise<{ samples: Sample[]; types: Map<string, string>; contentType: string | null }> {
  const res = await fetch(url);
  assert.equal(res.status, 200, `GET ${url}`);
  return { ...parseExposition(await res.text()), contentType: res.headers.get('content-type') };
}

describe('GET /metrics', () => {
  let server: TestServer;
  let webhook: Receiver;
  let webhookAnswers = 0;

  before(async () => {
    // The webhook fails its first delivery (HTTP 500) and accepts the retry.
    webhook = await startReceiver(() => (webhookAnswers++ === 0 ? { status: 500, body: { error: 'try later' } } : { status: 200, body: {} }));
    const identities = writeIdentities({ accounts: [{ accountId: ROOT_ACCOUNT, ramUsers: [{ name: 'nobody', accessKeys: [key('LTAInobody00001')] }] }] });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: ROOT_ACCOUNT, RDC_IDENTITIES_FILE: identities });
  });
  after(async () => {
    await server?.stop();
    await webhook?.close();
  });

  it('counts a scripted workload: requests, refusals, deliveries, takeovers, queue and outbox', async () => {
    assert.equal(server.metricsUrl, `${server.url}/metrics`, 'on the main port when RDC_METRICS_PORT is unset');
    const call = server.client('openapi-core-v3');
    const extension = server.extensionClient();

    // API calls: EnableResourceDirectory once (enableDirectory), GetResourceDirectory three times.
    const rd = await enableDirectory(server);
    for (let i = 0; i < 3; i++) await call('GetResourceDirectory');
    // One refused by its signature, one by RAM, one naming no action.
    await expectError(server.client('openapi-core-v3', { ...server.creds, accessKeySecret: 'not-the-secret' })('GetResourceDirectory'), 'SignatureDoesNotMatch');
    await expectError(server.client('openapi-core-v3', credsOf('LTAInobody00001'))('GetResourceDirectory'), 'NoPermission');
    await expectError(call('NoSuchAction'), 'InvalidAction.NotFound');

    // A notice to a contact with an email address (captured in the outbox: no SMTP) and to a webhook that fails once.
    const account = await addAccount(server, rd, rd.rootFolderId);
    const contact = await seedContact(server.store, rd, ['SecurityMessage'], [account]);
    await extension('CreateMessageWebhook', { Url: webhook.url + '/hook', MessageTypes: ['SecurityMessage'], Format: 'standard' });
    const published = await extension('PublishMessage', { MessageType: 'SecurityMessage', Subject: 'Key leaked', Content: 'Rotate it.', TargetId: account });
    const message = await settledMessage(extension, published.MessageId);
    assert.deepEqual(
      message.Deliveries.map((d: { Channel: string; State: string; Attempts: number }) => [d.Channel, d.State]).sort(),
      [['email', 'Sent'], ['webhook', 'Sent']],
    );
    assert.equal(webhook.requests.length, 2, 'the webhook got the failed attempt and the retry');

    // A node that died holding the contact's lease and a job: both leases have expired, this node takes them over.
    const past = Date.now() - 60_000;
    const deadLease = { owner: 'dead-mutation', node: 'dead-node', now: past, until: past + 1, aliveSince: past };
    assert.deepEqual(await server.store.ephemeral((r) => r.contacts.claimLease(rd.id, contact.id, deadLease)), { state: 'claimed', takenOver: false });
    await call('UpdateMessageContact', { ContactId: contact.id, Title: 'CEO' });
    // Due only in an hour, so that this node's runner cannot claim it before the dead node does.
    const later = Date.now() + 3600_000;
    await server.store.jobs.enqueue({ id: 'job-metrics-orphan', kind: DELIVERY_JOB, subject: 'om-no-such-message', payload: '{}', runAfter: later, createdAt: Date.now() });
    assert.equal((await server.store.jobs.claim([DELIVERY_JOB], 'dead-node', later, past))?.id, 'job-metrics-orphan', 'the dead node held the job');
    await eventually('the orphaned job taken over and finished', async () => (await server.store.jobs.pending(DELIVERY_JOB, 'om-no-such-message')) === undefined);

    // A job no handler runs, due for a minute: the queue's depth and age.
    await server.store.jobs.enqueue({ id: 'job-metrics-unclaimed', kind: 'metrics-test-no-handler', subject: 's', payload: '{}', runAfter: past, createdAt: past });

    const { samples, types, contentType } = await scrape(server.metricsUrl);
    assert.match(contentType ?? '', /^text\/plain; version=0\.0\.4/);
    const requests = (action: string, version: string, statusClass: string) =>
      valueOf(samples, 'http_server_request_duration_seconds_count', { action, version, status_class: statusClass });

    assert.equal(types.get('http_server_request_duration_seconds'), 'histogram');
    assert.equal(requests('GetResourceDirectory', RDC_VERSION, '2xx'), 3);
    assert.equal(requests('EnableResourceDirectory', RDC_VERSION, '2xx'), 1);
    assert.equal(requests('UpdateMessageContact', RDC_VERSION, '2xx'), 1);
    assert.equal(requests('PublishMessage', EXTENSION_VERSION, '2xx'), 1);
    assert.equal(requests('GetResourceDirectory', RDC_VERSION, '4xx'), 1, 'the RAM refusal: routed, then denied');
    assert.equal(requests('unknown', 'unknown', '4xx'), 2, 'the bad signature (refused before routing) and the unknown action');
    assert.equal(requests('NoSuchAction', RDC_VERSION, '4xx'), undefined, 'an unknown action makes no label value of its own');
    assert.equal(
      valueOf(samples, 'http_server_request_duration_seconds_bucket', { action: 'GetResourceDirectory', version: RDC_VERSION, status_class: '2xx', le: '+Inf' }),
      3,
    );
    assert.ok(!samples.some((s) => s.labels.status_class === '5xx'), 'no call failed on the server');

    assert.equal(types.get('rdcontacts_requests_in_flight'), 'gauge');
    assert.equal(valueOf(samples, 'rdcontacts_requests_in_flight'), 0, 'the scrape itself is no API call');
    assert.equal(valueOf(samples, 'rdcontacts_signature_failures_total', { code: 'SignatureDoesNotMatch' }), 1);
    assert.equal(samples.filter((s) => s.name === 'rdcontacts_signature_failures_total').length, 1, 'no other signature failure');
    assert.equal(valueOf(samples, 'rdcontacts_ram_denials_total', { action: 'GetResourceDirectory' }), 1);

    assert.equal(valueOf(samples, 'rdcontacts_delivery_attempts_total', { channel: 'webhook' }), 2);
    assert.equal(valueOf(samples, 'rdcontacts_delivery_failures_total', { channel: 'webhook' }), 1);
    assert.equal(valueOf(samples, 'rdcontacts_delivery_attempts_total', { channel: 'email' }), undefined, 'a captured email is no delivery attempt');

    assert.equal(valueOf(samples, 'rdcontacts_lease_takeovers_total', { kind: 'contact' }), 1);
    assert.equal(valueOf(samples, 'rdcontacts_lease_takeovers_total', { kind: 'job' }), 1);

    assert.equal(valueOf(samples, 'rdcontacts_jobs_queued'), 1, 'only the job no handler runs is unfinished');
    assert.ok(valueOf(samples, 'rdcontacts_jobs_oldest_due_age_seconds')! >= 60, 'it has been due for a minute at least');
    assert.equal(valueOf(samples, 'rdcontacts_outbox_messages', { state: 'captured' }), 1, 'the captured email of the notice');
    // Every accepted signed call claimed its nonce (replays are refused for the timestamp window).
    const accepted = samples.filter((s) => s.name === 'http_server_request_duration_seconds_count' && s.labels.action !== 'unknown').reduce((n, s) => n + s.value, 0);
    assert.ok(valueOf(samples, 'rdcontacts_nonces_held')! >= accepted, `nonces held ≥ ${accepted}`);

    // The store's transactions (each write above) and the commits that made them durable.
    assert.equal(types.get('rdcontacts_store_transaction_duration_seconds'), 'histogram');
    assert.ok(valueOf(samples, 'rdcontacts_store_transaction_duration_seconds_count')! > 0);
    assert.ok(valueOf(samples, 'rdcontacts_store_commit_duration_seconds_count')! > 0);
    // prom-client's default process metrics.
    assert.ok(valueOf(samples, 'process_cpu_seconds_total')! >= 0);
    assert.ok(valueOf(samples, 'nodejs_heap_size_total_bytes')! > 0);
  });

  it('is served without authentication, like /healthz, and names no ID or address', async () => {
    const res = await fetch(server.metricsUrl);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(!text.includes(server.creds.accessKeyId), 'no AccessKey ID');
    assert.ok(!text.includes(ROOT_ACCOUNT), 'no account ID');
    assert.ok(!text.includes('127.0.0.1'), 'no address');
  });
});

describe('two nodes over one store', () => {
  it("each node's /metrics counts its own calls; the gauges read from the store agree", async () => {
    const a = await startTestServer();
    const b = await serveProcess(a.dataDir);
    try {
      await enableDirectory(a);
      for (let i = 0; i < 2; i++) await a.client('openapi-core-v3')('GetResourceDirectory');
      await makeClient('openapi-client-v1', b.url, a.creds)('GetResourceDirectory');
      await a.store.jobs.enqueue({ id: 'job-metrics-two-nodes', kind: 'metrics-test-no-handler', subject: 's', payload: '{}', runAfter: Date.now(), createdAt: Date.now() });

      const onA = (await scrape(a.metricsUrl)).samples;
      const onB = (await scrape(`${b.url}/metrics`)).samples;
      const gets = (samples: Sample[]) => valueOf(samples, 'http_server_request_duration_seconds_count', { action: 'GetResourceDirectory', version: RDC_VERSION, status_class: '2xx' });
      assert.deepEqual([gets(onA), gets(onB)], [2, 1]);
      assert.equal(valueOf(onB, 'http_server_request_duration_seconds_count', { action: 'EnableResourceDirectory', version: RDC_VERSION, status_class: '2xx' }), undefined, 'A served it, not B');
      assert.deepEqual([valueOf(onA, 'rdcontacts_jobs_queued'), valueOf(onB, 'rdcontacts_jobs_queued')], [1, 1], 'one queue, read by both');
    } finally {
      await killHard(b.child);
      await a.stop();
    }
  });
});

describe('RDC_METRICS_PORT', () => {
  it('serves GET /metrics on a listener of its own; the main port answers 404 there; the server counts only its own', async () => {
    const server = await startTestServer({ RDC_METRICS_PORT: '0' });
    try {
      assert.notEqual(new URL(server.metricsUrl).port, String(server.port));
      assert.equal(new URL(server.metricsUrl).hostname, '127.0.0.1', 'on the same host');
      await server.client('openapi-core-v3')('GetResourceDirectory').catch(() => undefined);
      const { samples } = await scrape(server.metricsUrl);
      // This server's registry: one request, none of the other test's.
      const counted = samples.filter((s) => s.name === 'http_server_request_duration_seconds_count').reduce((n, s) => n + s.value, 0);
      assert.equal(counted, 1);
      const main = await fetch(`${server.url}/metrics`);
      assert.equal(main.status, 404);
      assert.equal((await main.json()).Code, 'InvalidAction.NotFound');
      const other = await fetch(new URL('/healthz', server.metricsUrl));
      assert.equal(other.status, 404, 'the metrics port serves /metrics alone');
    } finally {
      await server.stop();
    }
    await assert.rejects(fetch(server.metricsUrl), 'the listener stops with the server');
  });

  it('a scrape while the store does not answer is 503 with a line saying why', async () => {
    const server = await startTestServer({ RDC_METRICS_PORT: '0' });
    try {
      await scrape(server.metricsUrl);
      // The store gone (closed under the server): the gauges that read it cannot be had.
      await server.store.close();
      const res = await fetch(server.metricsUrl);
      assert.equal(res.status, 503);
      assert.equal(await res.text(), 'metrics unavailable: the store is not answering\n');
    } finally {
      await server.stop();
    }
  });

  it('a bad value is one clear start-up error', async () => {
    assert.throws(() => loadConfig({ RDC_METRICS_PORT: '70000' }), (err: unknown) => err instanceof ConfigError && err.message === 'RDC_METRICS_PORT (--metrics-port) must be at most 65535, got 70000');
    assert.throws(() => loadConfig({ RDC_METRICS_PORT: 'nine' }), (err: unknown) => err instanceof ConfigError && err.message === 'RDC_METRICS_PORT (--metrics-port) must be a whole number, got "nine"');
    await assert.rejects(startTestServer({ RDC_PORT: '18931', RDC_METRICS_PORT: '18931' }), (err: unknown) => err instanceof ConfigError && /^RDC_METRICS_PORT \(--metrics-port\) must differ from RDC_PORT/.test(err.message));
  });
});
