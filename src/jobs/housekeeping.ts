import type { Logger } from 'pino';
import type { Store } from '../store/store.js';

const DAY_MS = 86_400_000;

/**
 * How long a closed placement is kept at least: a publish that read its sequence before the placement closed
 * and commits after may need it though no kept message shows it yet (a transaction never lasts this long).
 */
const PLACEMENT_GRACE_MS = 3600_000;

export interface HousekeepingOptions {
  /** Time between two passes. */
  intervalMs: number;
  /** How long a finished job is kept. */
  jobRetentionMs: number;
  /** How long a verification message is kept, and a verification link once it has expired. */
  outboxRetentionMs: number;
  /** How long an event of the audit trail is kept. */
  auditRetentionMs: number;
  /** How long a published message and its delivery log are kept. */
  messageRetentionMs: number;
  /** Rows one statement removes at most. */
  batchSize?: number;
}

/** Rows removed by one pass, by kind. */
export interface PurgeCounts {
  jobs: number;
  outbox: number;
  verificationTokens: number;
  sendCounters: number;
  nonceBatches: number;
  auditEvents: number;
  /** Published messages (with their accounts, recipients and deliveries). */
  messages: number;
  /** Closed account placements that no kept message can need. */
  placements: number;
  messageSendCounters: number;
  /** Nodes that stopped more than a day ago. */
  stoppedNodes: number;
  /** Console sessions past their expiry. */
  consoleSessions: number;
}

/**
 * Keeps the store from growing without bound: every `intervalMs`, removes finished jobs, verification
 * messages, spent verification links, audit events and published messages past their retention, account
 * placements no kept message needs, send counters of past days, expired nonce batches, nodes that stopped a day ago and expired console sessions. Every node runs it: each batch removes what is there to remove, so passes of several nodes
 * over one database only share the work. Nothing a live object refers to is removed (a contact keeps its
 * failed deletion's reasons itself; a message waiting for delivery stays).
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private pass: Promise<unknown> = Promise.resolve();
  private readonly batchSize: number;

  constructor(private readonly store: Store, private readonly log: Logger, private readonly options: HousekeepingOptions) {
    this.batchSize = options.batchSize ?? 1000;
  }

  /** Runs a pass at once, then one every interval. */
  start(): void {
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops scheduling passes; a pass under way stops after its current batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  /** One pass as of `now` (a later time in tests). Passes of one node run one after another. */
  runOnce(now = Date.now()): Promise<PurgeCounts> {
    const pass = this.pass.then(() => this.purge(now));
    this.pass = pass.catch(() => undefined);
    return pass;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      void this.runOnce()
        .then((counts) => {
          if (Object.values(counts).some((n) => n > 0)) this.log.info({ removed: counts }, 'housekeeping');
        })
        .catch((err: Error) => this.log.warn({ err: err.message }, 'housekeeping pass failed; will try again'))
        .finally(() => {
          if (!this.stopping) this.schedule(this.options.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }

  private async purge(now: number): Promise<PurgeCounts> {
    const { jobRetentionMs, outboxRetentionMs, auditRetentionMs } = this.options;
    const h = this.store.housekeeping;
    return {
      jobs: await this.drain((n) => h.finishedJobs(now - jobRetentionMs, n)),
      outbox: await this.drain((n) => h.outbox(now - outboxRetentionMs, n)),
      // A link is kept as long as its message may still be listed, so it answers "expired", never "unknown".
      verificationTokens: await this.drain((n) => h.verificationTokens(now - outboxRetentionMs, n)),
      // The daily limit counts today's sends (UTC); yesterday's stay, as a send begun before midnight may give its slot back after.
      sendCounters: await this.drain((n) => h.sendCounters(new Date(now - DAY_MS).toISOString().slice(0, 10), n)),
      nonceBatches: await this.drain((n) => h.nonceBatches(now, n)),
      auditEvents: await this.drain((n) => h.auditEvents(now - auditRetentionMs, n)),
      messages: await this.purgeMessages(now - this.options.messageRetentionMs),
      // After the messages: a message removed frees the placements only it needed.
      placements: await this.drain((n) => h.closedPlacements(now - PLACEMENT_GRACE_MS, n)),
      messageSendCounters: await this.drain((n) => h.messageSendCounters(new Date(now - DAY_MS).toISOString().slice(0, 10), n)),
      stoppedNodes: await this.drain((n) => h.stoppedNodes(now - DAY_MS, n)),
      consoleSessions: await this.drain((n) => h.consoleSessions(now, n)),
    };
  }

  /** Messages made before `before`: their parts first, so a pass cut short never leaves parts without a message. */
  private async purgeMessages(before: number): Promise<number> {
    const h = this.store.housekeeping;
    for (const part of ['message_accounts', 'message_recipients', 'message_deliveries'] as const) await this.drain((n) => h.messageParts(part, before, n));
    return this.drain((n) => h.messages(before, n));
  }

  /** Removes batch after batch until one comes back short, or the node stops. */
  private async drain(batch: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await batch(this.batchSize);
      total += n;
      if (n < this.batchSize || this.stopping) return total;
      // Requests go first between two batches (on SQLite a statement holds the event loop while it runs).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
