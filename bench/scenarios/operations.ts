/**
 * Signed calls per second of the hot operations at 50 connections, against the bare node:http baseline
 * answering a body of the same size on the same core, interleaved in rounds: in each round, for each
 * operation, the baseline is started, warmed up and measured, then rdcontacts is warmed up and measured.
 * Requests are signed before each run (bench/wrk.ts). Reads are spread over 50 tenants (directory, contacts);
 * AddMessageContact adds to one directory that already holds `bigDirectory` contacts (25,000 by default),
 * so a cost that grows with the directory shows. On PostgreSQL the server's backends are pinned to its core
 * and counted with it while it is measured (bench/postgres-backends.ts).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { newId } from '../../src/ids.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { freshEnvironment, tenants, type BenchEnvironment, type StoreKind, type Tenant } from '../environment.js';
import { measureBaseline } from '../baseline.js';
import { withPinnedBackends } from '../postgres-backends.js';
import { rssOf, startServer, withPeakRss } from '../processes.js';
import { callOk } from '../signing.js';
import { runWrk, verdict, writeRequests, type RequestTemplate, type WrkResult } from '../wrk.js';

export const OPERATIONS = ['GetMessageContact', 'ListMessageContacts', 'AddMessageContact', 'GetMessageContactDeletionStatus'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface OperationFigures {
  operation: OperationName;
  bodyBytes: number;
  /** One entry per round. */
  server: WrkResult[];
  baseline: WrkResult[];
  serverPeakRss: number;
}

export interface OperationsOptions {
  store: StoreKind;
  workDir: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
  /** Contacts already in the directory AddMessageContact adds to. */
  bigDirectory: number;
  nodeFlags?: string[];
  only?: readonly OperationName[];
}

/** A tenant's fixtures: its directory, a readable contact bound to the directory, and one being deleted. */
export interface Fixture {
  tenant: Tenant;
  directoryId: string;
  readerId: string;
  deletingId: string;
}

/** Requests signed for a warm-up, per second of it: more than the server can answer. */
const WARMUP_RATE = 30_000;

export async function runOperations(options: OperationsOptions): Promise<{ figures: OperationFigures[]; idleRss: number }> {
  const others = tenants(options.connections);
  const dir = join(options.workDir, 'operations');
  // The deleted contact must stay Deleting for the whole run: its job waits a day.
  const environment = await freshEnvironment(dir, options.store, others, { RDC_CONTACT_DELETION_DELAY: '86400' });
  const start = () => startServer({ env: environment.env, logFile: join(dir, 'server.log'), ...(options.nodeFlags && { nodeFlags: options.nodeFlags }) });
  let server = await start();
  const requestsFile = join(dir, 'requests.http');
  try {
    const fixtures = await loadFixtures(server.url, others);
    const idleRss = rssOf(server.pid);
    const ops = options.only ?? OPERATIONS;
    if (ops.includes('AddMessageContact')) {
      // Loaded with the server stopped: a long write beside it would keep its SQLite writes waiting.
      await server.stop();
      await preload(environment, fixtures[0]!.directoryId, options.bigDirectory);
      server = await start();
    }
    const figures: OperationFigures[] = [];
    for (const operation of ops) {
      const t = templatesFor(operation, fixtures)[0]!;
      const probe = await callOk(server.url, t.creds, t.action, Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, v.replace('{unique}', 'Probe')])));
      figures.push({ operation, bodyBytes: Buffer.byteLength(JSON.stringify(probe)), server: [], baseline: [], serverPeakRss: 0 });
    }
    await removeAdded(environment, fixtures[0]!.directoryId, options.bigDirectory);
    const { connections, warmupSec, durationSec } = options;
    const run = (seconds: number, databasePids?: readonly number[]) =>
      runWrk({ url: server.url, serverPid: server.pid, ...(databasePids && { databasePids }), file: requestsFile, mode: 'once', connections, durationSec: seconds });
    const databaseUrl = environment.env.RDC_DATABASE_URL;
    const measure = () => (databaseUrl ? withPinnedBackends(databaseUrl, server.pid, (pids) => run(durationSec, pids)) : run(durationSec));
    for (let round = 0; round < options.rounds; round++) {
      for (const fig of figures) {
        const templates = templatesFor(fig.operation, fixtures);
        // Letters only: a contact's name takes no digits.
        const prefix = `r${String.fromCharCode(97 + round)}${fig.operation.slice(0, 3)}`;
        fig.baseline.push(await measureBaseline({ bodyBytes: fig.bodyBytes, templates, prefix: prefix + 'b', requestsFile, connections, warmupSec, durationSec }));
        // Warm-up: the JIT and the store's caches see the calls before anything is measured; its rate sizes the file.
        writeRequests(requestsFile, server.url, templates, WARMUP_RATE * warmupSec, prefix + 'w');
        const warm = await run(warmupSec);
        writeRequests(requestsFile, server.url, templates, Math.ceil(Math.max(3 * warm.rps, WARMUP_RATE / 3) * durationSec), prefix + 'm');
        const measured = await withPeakRss(server.pid, measure);
        fig.server.push(measured.result);
        fig.serverPeakRss = Math.max(fig.serverPeakRss, measured.peakRss);
        if (fig.operation === 'AddMessageContact') await removeAdded(environment, fixtures[0]!.directoryId, options.bigDirectory);
        const s = measured.result;
        const b = fig.baseline.at(-1)!;
        log(
          `${fig.operation} round ${round + 1}: ${s.rps.toFixed(0)} req/s vs baseline ${b.rps.toFixed(0)} = ${(s.rps / b.rps).toFixed(3)}; ` +
            `server ${verdict(s)}, baseline ${verdict(b)}; load ${s.loadBefore.toFixed(2)}`,
        );
      }
    }
    return { figures, idleRss };
  } finally {
    rmSync(requestsFile, { force: true });
    await server.stop();
  }
}

function log(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

export function templatesFor(operation: OperationName, fixtures: readonly Fixture[]): RequestTemplate[] {
  switch (operation) {
    case 'GetMessageContact':
      return fixtures.map((f) => ({ creds: f.tenant.creds, action: operation, params: { ContactId: f.readerId } }));
    case 'ListMessageContacts':
      return fixtures.map((f) => ({ creds: f.tenant.creds, action: operation, params: { Member: f.directoryId } }));
    case 'AddMessageContact':
      return [{ creds: fixtures[0]!.tenant.creds, action: operation, params: { Name: '{unique}', EmailAddress: 'bench@example.com', Title: 'CEO', 'MessageTypes.1': 'ServiceMessage' } }];
    case 'GetMessageContactDeletionStatus':
      return fixtures.map((f) => ({ creds: f.tenant.creds, action: operation, params: { ContactId: f.deletingId } }));
  }
}

export async function loadFixtures(url: string, others: readonly Tenant[]): Promise<Fixture[]> {
  return Promise.all(
    others.map(async (tenant) => {
      const rd = await callOk(url, tenant.creds, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
      const directoryId: string = rd.ResourceDirectory.ResourceDirectoryId;
      const contact = { EmailAddress: 'reader@example.com', Title: 'CEO', 'MessageTypes.1': 'ServiceMessage', 'MessageTypes.2': 'FaultMessage' };
      const reader = await callOk(url, tenant.creds, 'AddMessageContact', { ...contact, Name: 'Reader' });
      const readerId: string = reader.Contact.ContactId;
      await callOk(url, tenant.creds, 'AssociateMembers', { ContactId: readerId, 'Members.1': directoryId });
      const doomed = await callOk(url, tenant.creds, 'AddMessageContact', { ...contact, Name: 'Doomed' });
      const deletingId: string = doomed.Contact.ContactId;
      await callOk(url, tenant.creds, 'DeleteMessageContact', { ContactId: deletingId, RetainContactInMembers: 'false' });
      return { tenant, directoryId, readerId, deletingId };
    }),
  );
}

/** The store of the running server, opened beside it (SQLite allows a second connection; PostgreSQL too). */
async function withStore<T>(environment: BenchEnvironment, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig(environment.env));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Fills the directory AddMessageContact adds to with `count` contacts, through the store (the API would take minutes). */
export async function preload(environment: BenchEnvironment, directoryId: string, count: number): Promise<void> {
  await withStore(environment, (store) =>
    store.transaction(async (tx) => {
      const now = Date.now();
      for (let i = 0; i < count; i++) {
        const id = newId.contact();
        await tx.contacts.insert(
          { id, directoryId, name: `Preloaded ${i}`, email: `p${i}@example.com`, emailVerified: true, phone: null, phoneVerified: false, title: 'Ops', status: 'Active', deletionStatus: null, deletionFailures: [], createdAt: now },
          ['ServiceMessage'],
          [],
        );
      }
    }),
  );
}

/** Removes what AddMessageContact added, so every round adds to a directory of the same size (Reader, Doomed and the preloaded ones stay). */
async function removeAdded(environment: BenchEnvironment, directoryId: string, preloaded: number): Promise<void> {
  await withStore(environment, async (store) => {
    for (;;) {
      const { rows } = await store.contacts.list({ directoryId }, preloaded + 2, 1000);
      if (rows.length === 0) return;
      await store.transaction(async (tx) => {
        for (const row of rows) await tx.contacts.remove(row.contact.id);
      });
    }
  });
}
