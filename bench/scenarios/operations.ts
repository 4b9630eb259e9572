/**
 * Signed calls per second of five operations at 50 connections, each run right after the same load against
 * the bare node:http baseline answering a body of the same size. Each connection works in its own tenant
 * (directory, contacts), as separate customers would: a mutation never meets another one in flight on the
 * same contact or directory list, which would answer 429 ConcurrentCallNotSupported by design.
 */
import { join } from 'node:path';
import { freshEnvironment, tenants, type StoreKind, type Tenant } from '../environment.js';
import type { LoadResult, LoadSlot } from '../load.js';
import { rssOf, runLoadProcess, startBaseline, startServer, withPeakRss } from '../processes.js';
import { callOk } from '../signing.js';

export const OPERATIONS = ['GetMessageContact', 'ListMessageContacts', 'AddMessageContact', 'AssociateMembers', 'GetMessageContactDeletionStatus'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface OperationFigures {
  operation: OperationName;
  bodyBytes: number;
  /** One entry per round. */
  server: LoadResult[];
  baseline: LoadResult[];
  serverPeakRss: number;
}

export interface OperationsOptions {
  store: StoreKind;
  workDir: string;
  connections: number;
  durationSec: number;
  rounds: number;
  nodeFlags?: string[];
  only?: readonly OperationName[];
}

/** A tenant's fixtures: its directory, a readable contact bound to the directory, and one being deleted. */
interface Fixture {
  tenant: Tenant;
  directoryId: string;
  readerId: string;
  deletingId: string;
}

const KEPT_NAMES = new Set(['Reader', 'Doomed']);

export async function runOperations(options: OperationsOptions): Promise<{ figures: OperationFigures[]; idleRss: number }> {
  const others = tenants(options.connections);
  // The deleted contact must stay Deleting for the whole run: its job waits a day.
  const environment = await freshEnvironment(join(options.workDir, 'operations'), options.store, others, { RDC_CONTACT_DELETION_DELAY: '86400' });
  const server = await startServer({ env: environment.env, logFile: join(options.workDir, 'operations', 'server.log'), ...(options.nodeFlags && { nodeFlags: options.nodeFlags }) });
  try {
    const fixtures = await loadFixtures(server.url, others);
    const idleRss = rssOf(server.pid);
    const ops = options.only ?? OPERATIONS;
    const figures: OperationFigures[] = [];
    for (const operation of ops) {
      const slots = fixtures.map((f) => slotFor(operation, f));
      const probe = await callOk(server.url, slots[0]!.creds, slots[0]!.action, materialise(slots[0]!.params, 'Probe'));
      figures.push({ operation, bodyBytes: Buffer.byteLength(JSON.stringify(probe)), server: [], baseline: [], serverPeakRss: 0 });
      await cleanUp(server.url, fixtures, operation);
      // Warm-up: the JIT and the store's caches see the calls once before anything is measured.
      await runLoadProcess({ url: server.url, connections: options.connections, durationSec: 1, slots, uniquePrefix: 'w' });
      await cleanUp(server.url, fixtures, operation);
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const fig of figures) {
        const slots = fixtures.map((f) => slotFor(fig.operation, f));
        const baseline = await startBaseline(fig.bodyBytes);
        try {
          fig.baseline.push(await runLoadProcess({ url: baseline.url, connections: options.connections, durationSec: options.durationSec, slots }));
        } finally {
          await baseline.stop();
        }
        const measured = await withPeakRss(server.pid, () =>
          runLoadProcess({ url: server.url, connections: options.connections, durationSec: options.durationSec, slots, uniquePrefix: 'r' + String.fromCharCode(97 + round) }),
        );
        fig.server.push(measured.result);
        fig.serverPeakRss = Math.max(fig.serverPeakRss, measured.peakRss);
        await cleanUp(server.url, fixtures, fig.operation);
        log(`${fig.operation} round ${round + 1}: ${measured.result.rps.toFixed(0)} req/s vs baseline ${fig.baseline.at(-1)!.rps.toFixed(0)}`);
      }
    }
    return { figures, idleRss };
  } finally {
    await server.stop();
  }
}

function log(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

function slotFor(operation: OperationName, f: Fixture): LoadSlot {
  const creds = f.tenant.creds;
  switch (operation) {
    case 'GetMessageContact':
      return { creds, action: operation, params: { ContactId: f.readerId } };
    case 'ListMessageContacts':
      return { creds, action: operation, params: { Member: f.directoryId } };
    case 'AddMessageContact':
      return { creds, action: operation, params: { Name: '{unique}', EmailAddress: 'bench@example.com', Title: 'CEO', 'MessageTypes.1': 'ServiceMessage' } };
    case 'AssociateMembers':
      return { creds, action: operation, params: { ContactId: f.readerId, 'Members.1': f.directoryId } };
    case 'GetMessageContactDeletionStatus':
      return { creds, action: operation, params: { ContactId: f.deletingId } };
  }
}

function materialise(params: Record<string, string>, unique: string): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.replace('{unique}', unique)]));
}

async function loadFixtures(url: string, others: readonly Tenant[]): Promise<Fixture[]> {
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

/** AddMessageContact's clean-up: the contacts a run added are deleted through the API, so every round starts alike. */
async function cleanUp(url: string, fixtures: readonly Fixture[], operation: OperationName): Promise<void> {
  if (operation !== 'AddMessageContact') return;
  await Promise.all(
    fixtures.map(async (f) => {
      for (;;) {
        const page = await callOk(url, f.tenant.creds, 'ListMessageContacts', { PageSize: '100' });
        const added = (page.Contacts as Array<{ ContactId: string; Name: string }>).filter((c) => !KEPT_NAMES.has(c.Name));
        if (added.length === 0) return;
        for (const c of added) await callOk(url, f.tenant.creds, 'DeleteMessageContact', { ContactId: c.ContactId });
      }
    }),
  );
}
