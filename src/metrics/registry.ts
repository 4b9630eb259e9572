import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../store/store.js';
import { statusClassOf, type Metrics } from './metrics.js';

/** What scrape-time gauges read: the store's own counts (cheap indexed queries) at the moment of the scrape. */
export type GaugeSource = Pick<Store, 'jobs' | 'outbox' | 'nonces'>;

/** The server's metrics and the registry Prometheus scrapes them from. */
export interface ServerMetrics extends Metrics {
  /** The text exposition of every metric (Prometheus text format 0.0.4) and its content type. */
  exposition(): Promise<{ contentType: string; body: string }>;
  /** Reads the store's gauges from `source` at each scrape (set once the store is open). */
  readGaugesFrom(source: GaugeSource): void;
}

/** Seconds buckets of API calls: from a cached read (1 ms) to a call that waits on a lock or a slow disk (10 s). */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds buckets of store transactions and commits: an fsync takes from ~0.1 ms (cache) to tens of ms (disk). */
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics (CPU, memory, heap, event-loop lag, GC, file descriptors) are the process's,
 * the same for every server in it; each collection starts an event-loop monitor and a GC observer that are
 * never stopped, so they are made once per process rather than once per server (tests start hundreds).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one server, in a registry of its own (not prom-client's global one): every node, and every
 * server of one test process, exposes only what it counted, with the process metrics beside them.
 */
export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];

  const requestDuration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of signed API calls, from the request entering the pipeline to its answer, by action, API version and status class.',
    labelNames: ['action', 'version', 'status_class'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  // Counted in a plain number and read at scrape time: a gauge's inc/dec per request would label-hash twice.
  let inFlight = 0;
  new Gauge({
    name: 'rdcontacts_requests_in_flight',
    help: 'Signed API calls being answered now.',
    registers,
    collect() {
      this.set(inFlight);
    },
  });
  const signatureFailures = new Counter({
    name: 'rdcontacts_signature_failures_total',
    help: 'API calls refused by the signature check (AccessKey, signature, timestamp, nonce), by error code.',
    labelNames: ['code'] as const,
    registers,
  });
  const ramDenials = new Counter({ name: 'rdcontacts_ram_denials_total', help: 'API calls RAM refused (403 NoPermission), by action.', labelNames: ['action'] as const, registers });
  const transactionDuration = new Histogram({
    name: 'rdcontacts_store_transaction_duration_seconds',
    help: 'Duration of store transactions, from the call to the result (on SQLite including the wait for the shared commit).',
    buckets: STORE_BUCKETS,
    registers,
  });
  const commitDuration = new Histogram({
    name: 'rdcontacts_store_commit_duration_seconds',
    help: 'Duration of commit statements: on SQLite the group commit (its fsync), on PostgreSQL each COMMIT (its WAL flush).',
    buckets: STORE_BUCKETS,
    registers,
  });
  const deliveryAttempts = new Counter({
    name: 'rdcontacts_delivery_attempts_total',
    help: 'Sends through a real transport (SMTP, SMS provider, webhook), by channel; captured messages are not counted.',
    labelNames: ['channel'] as const,
    registers,
  });
  const deliveryFailures = new Counter({ name: 'rdcontacts_delivery_failures_total', help: 'Sends that failed (each is retried with back-off until given up), by channel.', labelNames: ['channel'] as const, registers });
  const callsShed = new Counter({
    name: 'rdcontacts_calls_shed_total',
    help: 'API calls answered 503 without being worked on (admission control), by reason: queue_full, waited_too_long, client_gone.',
    labelNames: ['reason'] as const,
    registers,
  });
  let admission: { readonly queued: number } | undefined;
  new Gauge({
    name: 'rdcontacts_calls_queued',
    help: 'API calls waiting for a turn (RDC_MAX_CALLS_IN_PROGRESS are worked on at once).',
    registers,
    collect() {
      this.set(admission?.queued ?? 0);
    },
  });
  const leaseTakeovers = new Counter({
    name: 'rdcontacts_lease_takeovers_total',
    help: 'Expired leases claimed again (a node died or stalled holding them), by what they guarded: contact or job.',
    labelNames: ['kind'] as const,
    registers,
  });

  let source: GaugeSource | undefined;
  new Gauge({
    name: 'rdcontacts_nonces_held',
    help: 'Signature nonces remembered to refuse replays: this node\'s (on PostgreSQL the unexpired ones it won; the nodes add up to all).',
    registers,
    async collect() {
      if (source) this.set(await source.nonces.held());
    },
  });
  new Gauge({
    name: 'rdcontacts_jobs_queued',
    help: 'Background jobs not finished yet (waiting or running), of every node of the store.',
    registers,
    async collect() {
      if (source) this.set(await source.jobs.unfinished());
    },
  });
  new Gauge({
    name: 'rdcontacts_jobs_oldest_due_age_seconds',
    help: 'Seconds the oldest job that is due to run has waited since it became due (0 when none waits).',
    registers,
    async collect() {
      if (!source) return;
      const now = Date.now();
      const oldest = await source.jobs.oldestDue(now);
      this.set(oldest === undefined ? 0 : (now - oldest) / 1000);
    },
  });
  new Gauge({
    name: 'rdcontacts_outbox_messages',
    help: 'Verification messages kept in the outbox (until RDC_OUTBOX_RETENTION), by state: captured, queued, sent, failed.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      if (!source) return;
      this.reset();
      for (const { state, count } of await source.outbox.countByState()) this.set({ state }, count);
    },
  });

  return {
    requestStarted() {
      inFlight++;
      const started = performance.now();
      // observe() directly: startTimer's end() copies its labels into a new object and reads hrtime twice.
      return ({ action, version, status }) => {
        inFlight--;
        requestDuration.observe({ action, version, status_class: statusClassOf(status) }, (performance.now() - started) / 1000);
      };
    },
    signatureFailed: (code) => signatureFailures.inc({ code }),
    ramDenied: (action) => ramDenials.inc({ action }),
    store: {
      transaction: (seconds) => transactionDuration.observe(seconds),
      commit: (seconds) => commitDuration.observe(seconds),
    },
    deliveryAttempted: (channel) => deliveryAttempts.inc({ channel }),
    deliveryFailed: (channel) => deliveryFailures.inc({ channel }),
    leaseTakenOver: (kind) => leaseTakeovers.inc({ kind }),
    callShed: (reason) => callsShed.inc({ reason }),
    watchAdmission(a) {
      admission = a;
    },
    readGaugesFrom(s) {
      source = s;
    },
    async exposition() {
      return { contentType: registry.contentType, body: (await processMetrics().metrics()) + (await registry.metrics()) };
    },
  };
}
