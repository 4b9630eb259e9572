/**
 * Cost as the directory grows: 1,000 / 10,000 / 100,000 member accounts spread over 5 folder levels (4
 * subfolders per folder), with 20 contacts: one bound to the directory, two to folders of each level and nine
 * to accounts.
 * The tree is loaded through the store (the API would take hours at 100,000 accounts); then the questions
 * whose cost could grow with it are timed: ListMessageContacts by Member over HTTP, the coverage of one
 * account and the deletion check of the directory-wide contact (the store queries the server runs),
 * recipients and publishing (publishing.ts), and that deletion end to end through the API. (The console's
 * pages have a scenario of their own: console.ts.)
 */
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { MESSAGE_TYPES } from '../../src/domain/contact-rules.js';
import { newId } from '../../src/ids.js';
import { openStore } from '../../src/store/open.js';
import type { Repositories } from '../../src/store/store.js';
import type { AccountRecord, Binding, FolderRecord } from '../../src/store/records.js';
import { analyzePostgres, freshEnvironment, ROOT_TENANT, type StoreKind } from '../environment.js';
import { rssOf, startServer } from '../processes.js';
import { median, percentile } from '../report.js';
import { timeEach } from '../timing.js';
import { callOk } from '../signing.js';
import { timePublishing, type PublishingFigures } from './publishing.js';

export interface GrowthFigures {
  accounts: number;
  folders: number;
  contacts: number;
  bindings: number;
  loadMs: number;
  listP50: number;
  listP99: number;
  coverageP50: number;
  deletionCheckP50: number;
  deletionEndToEndMs: number;
  serverRss: number;
  publishing: PublishingFigures;
}

const LEVELS = 5;
const FAN_OUT = 4;

export interface Loaded {
  directoryId: string;
  probeAccount: string;
  everyoneId: string;
  folders: number;
  contacts: number;
  bindings: number;
}

export async function runGrowth(options: { store: StoreKind; workDir: string; sizes: number[]; calls: number; nodeFlags?: string[] }): Promise<GrowthFigures[]> {
  const out: GrowthFigures[] = [];
  for (const size of options.sizes) {
    const dir = join(options.workDir, `growth-${size}`);
    const environment = await freshEnvironment(dir, options.store, [], {
      RDC_MAX_ACCOUNTS_PER_DIRECTORY: String(size * 2),
      RDC_MAX_MEMBERS_PER_CONTACT: '1000',
      RDC_CONTACT_DELETION_DELAY: '0',
    });
    const store = await openStore(loadConfig(environment.env));
    let loaded: Loaded;
    let loadMs: number;
    let coverage: number[];
    let deletionCheck: number[];
    try {
      const t0 = performance.now();
      loaded = await store.transaction((tx) => loadTree(tx, size));
      loadMs = performance.now() - t0;
      if (options.store === 'postgres') await analyzePostgres(environment.env.RDC_DATABASE_URL!);
      coverage = await timeEach(options.calls, () => store.coverage.coveringContacts(loaded.probeAccount));
      // In a transaction, as the deletion job runs it.
      deletionCheck = await timeEach(size >= 100_000 ? 3 : 10, () => store.transaction((tx) => tx.coverage.deletionBlockers(loaded.everyoneId)));
    } finally {
      await store.close();
    }
    const server = await startServer({ env: environment.env, logFile: join(dir, 'server.log'), ...(options.nodeFlags && { nodeFlags: options.nodeFlags }) });
    try {
      const list = await timeEach(options.calls, () => callOk(server.url, ROOT_TENANT.creds, 'ListMessageContacts', { Member: loaded.probeAccount }));
      // The store read beside the server, for the count of a message's Queued deliveries (publishing.ts).
      const reader = await openStore(loadConfig(environment.env));
      let publishing: PublishingFigures;
      try {
        publishing = await timePublishing(server.url, loaded.directoryId, loaded.probeAccount, options.calls, (id) => reader.messages.queuedCount(id));
      } finally {
        await reader.close();
      }
      const serverRss = rssOf(server.pid);
      const deletionEndToEndMs = await deletionEndToEnd(server.url, loaded.everyoneId);
      const figures: GrowthFigures = {
        accounts: size,
        folders: loaded.folders,
        contacts: loaded.contacts,
        bindings: loaded.bindings,
        loadMs,
        listP50: median(list),
        listP99: percentile(list, 0.99),
        coverageP50: median(coverage),
        deletionCheckP50: median(deletionCheck),
        deletionEndToEndMs,
        serverRss,
        publishing,
      };
      process.stderr.write(`  ${size} accounts: list ${figures.listP50.toFixed(2)} ms, coverage ${figures.coverageP50.toFixed(2)} ms, deletion check ${figures.deletionCheckP50.toFixed(1)} ms\n`);
      process.stderr.write(
        `  publishing: resolve ${publishing.resolveP50.toFixed(2)} ms, publish answered ${publishing.publishAnswerP50.toFixed(0)} ms, delivered ${publishing.publishDeliveredP50.toFixed(0)} ms\n`,
      );
      out.push(figures);
    } finally {
      await server.stop();
    }
  }
  return out;
}

/** DeleteMessageContact without retaining, until the job has decided (Failed: every account would lose its only cover of some type). */
async function deletionEndToEnd(url: string, contactId: string): Promise<number> {
  const t = performance.now();
  await callOk(url, ROOT_TENANT.creds, 'DeleteMessageContact', { ContactId: contactId, RetainContactInMembers: 'false' });
  for (;;) {
    const status = await callOk(url, ROOT_TENANT.creds, 'GetMessageContactDeletionStatus', { ContactId: contactId });
    if (status.ContactDeletionStatus?.Status !== 'Deleting') return performance.now() - t;
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * The bench tree, through the store (20 contacts, as above); the directory-wide contact receives
 * `everyoneTypes` (all six unless told: the console scenario leaves gaps).
 */
export async function loadTree(tx: Repositories, size: number, shape: { everyoneTypes?: readonly string[] } = {}): Promise<Loaded> {
  const now = Date.now();
  const directoryId = newId.directory();
  const rootFolderId = newId.rootFolder();
  await tx.directories.createDirectory({ id: directoryId, accountId: ROOT_TENANT.accountId, rootFolderId, masterAccountName: 'bench@rdcontacts.local', createdAt: now }, 'Root');
  // levels[0] = [Root]; levels[d] = the folders at depth d.
  const levels: string[][] = [[rootFolderId]];
  let folders = 0;
  for (let depth = 1; depth <= LEVELS; depth++) {
    const level: string[] = [];
    for (const parent of levels[depth - 1]!) {
      for (let i = 0; i < FAN_OUT; i++) {
        const folder: FolderRecord = { id: newId.folder(), directoryId, parentId: parent, name: `f${depth}-${level.length}`, depth, createdAt: now };
        await tx.folders.insertFolder(folder);
        level.push(folder.id);
        folders++;
      }
    }
    levels.push(level);
  }
  // Accounts spread evenly over the 5 levels, round-robin over each level's folders.
  const accounts: AccountRecord[] = [];
  for (let i = 0; i < size; i++) {
    const level = levels[(i % LEVELS) + 1]!;
    const id = String(3000000000000000 + i);
    accounts.push({
      id,
      directoryId,
      folderId: level[Math.floor(i / LEVELS) % level.length]!,
      displayName: `member-${i}`,
      accountName: `member-${i}@bench.local`,
      type: 'ResourceAccount',
      status: 'CreateSuccess',
      joinMethod: 'created',
      joinTime: now + i,
      modifyTime: now + i,
    });
  }
  await tx.accounts.insertAccounts(accounts);
  // The probe account sits at the deepest level: its coverage runs through every ancestor.
  const probeAccount = accounts[LEVELS - 1]!.id;

  let contacts = 0;
  let bindings = 0;
  const addContact = async (types: readonly string[], members: Array<{ member: string; folder: string | null; account: string | null }>) => {
    const id = newId.contact();
    await tx.contacts.insert(
      {
        id,
        directoryId,
        name: `c${String.fromCharCode(97 + (contacts % 26))}${String.fromCharCode(97 + Math.floor(contacts / 26))}`,
        email: `c${contacts}@example.com`,
        emailVerified: true,
        phone: null,
        phoneVerified: false,
        title: 'CEO',
        status: 'Active',
        deletionStatus: null,
        deletionFailures: [],
        createdAt: now + contacts,
      },
      types,
      [],
    );
    const rows: Binding[] = members.map((m, position) => ({ contactId: id, memberId: m.member, directoryId, folderId: m.folder, accountId: m.account, createdAt: now, position }));
    await tx.bindings.bind(rows);
    contacts++;
    bindings += rows.length;
    return id;
  };
  const everyoneId = await addContact(shape.everyoneTypes ?? MESSAGE_TYPES, [{ member: directoryId, folder: rootFolderId, account: null }]);
  for (let depth = 1; depth <= LEVELS; depth++) {
    const level = levels[depth]!;
    for (let c = 0; c < 2; c++) {
      const picked = Array.from({ length: 5 }, (_, i) => level[(c * 5 + i * 7) % level.length]!);
      await addContact(['ServiceMessage', 'FaultMessage'], [...new Set(picked)].map((f) => ({ member: f, folder: f, account: null })));
    }
  }
  for (let c = 0; c < 9; c++) {
    // The first three include the probe account; the others land elsewhere.
    const picked = Array.from({ length: 5 }, (_, i) => accounts[c < 3 && i === 0 ? LEVELS - 1 : (c * 997 + i * 131) % accounts.length]!.id);
    await addContact(['SecurityMessage'], [...new Set(picked)].map((a) => ({ member: a, folder: null, account: a })));
  }
  return { directoryId, probeAccount, everyoneId, folders, contacts, bindings };
}
