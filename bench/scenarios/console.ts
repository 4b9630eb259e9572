/**
 * The web console at 10,000 member accounts and 20 contacts (the size issue 14 names): the tree is loaded
 * through the store as the growth scenario loads it, with the directory-wide contact receiving two of the six
 * types only, so four types have thousands of uncovered accounts (the gaps pages have work to do); a
 * message is published to the whole directory through the API (its page lists 10,000 accounts and the
 * deliveries to every recipient). Then every console page is loaded with the root key's session, one request
 * at a time, and the median time to the whole page is reported.
 */
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { RDCONTACTS_2026 } from '../../src/operations/rdcontacts/api.js';
import { openStore } from '../../src/store/open.js';
import { analyzePostgres, freshEnvironment, ROOT_TENANT, type StoreKind } from '../environment.js';
import { startServer } from '../processes.js';
import { median } from '../report.js';
import { callOk } from '../signing.js';
import { loadTree } from './growth.js';
import { timeEach } from '../timing.js';

export interface ConsoleFigures {
  accounts: number;
  contacts: number;
  /** Accounts nobody receives a type for, of the type with the most. */
  largestGap: number;
  /** Median milliseconds of each page, by page name and path. */
  pages: Array<{ name: string; path: string; medianMs: number }>;
}

const ACCOUNTS = 10_000;

export async function runConsole(options: { store: StoreKind; workDir: string; times: number; nodeFlags?: string[] }): Promise<ConsoleFigures> {
  const dir = join(options.workDir, 'console');
  const environment = await freshEnvironment(dir, options.store, [], {
    RDC_MAX_ACCOUNTS_PER_DIRECTORY: String(ACCOUNTS * 2),
    RDC_MAX_MEMBERS_PER_CONTACT: '1000',
    RDC_OUTBOX: 'true',
  });
  const store = await openStore(loadConfig(environment.env));
  let loaded: Awaited<ReturnType<typeof loadTree>>;
  try {
    loaded = await store.transaction((tx) => loadTree(tx, ACCOUNTS, { everyoneTypes: ['ServiceMessage', 'FaultMessage'] }));
  } finally {
    await store.close();
  }
  if (options.store === 'postgres') await analyzePostgres(environment.env.RDC_DATABASE_URL!);
  const server = await startServer({ env: environment.env, logFile: join(dir, 'server.log'), ...(options.nodeFlags && { nodeFlags: options.nodeFlags }) });
  try {
    const api = (action: string, params: Record<string, string> = {}) => callOk(server.url, ROOT_TENANT.creds, action, params, RDCONTACTS_2026.version);
    const summary = await api('GetDirectorySummary');
    const largestGap = Math.max(...summary.UncoveredAccountCounts.map((u: { Count: number }) => u.Count));
    const { MessageId } = await api('PublishMessage', { MessageType: 'ServiceMessage', Subject: 'Maintenance', Content: 'Every account: maintenance tonight.', TargetId: loaded.directoryId });
    const cookie = await signIn(server.url);
    const pages: Array<[string, string]> = [
      ['overview', '/console'],
      ['directory', '/console/directory'],
      ['contacts', '/console/contacts'],
      ['contact', `/console/contacts/${loaded.everyoneId}`],
      ['coverage', '/console/coverage'],
      ['coverage, only gaps', '/console/coverage?gaps=1'],
      ['coverage, only gaps, page 10', '/console/coverage?gaps=1&page=10'],
      ['coverage, gaps of one type', '/console/coverage?gaps=1&type=SecurityMessage'],
      ['account', `/console/accounts/${loaded.probeAccount}`],
      ['messages', '/console/messages'],
      ['messages, preview of an account', `/console/messages?target=${loaded.probeAccount}&type=SecurityMessage`],
      ['messages, preview of the directory', `/console/messages?target=${loaded.directoryId}&type=SecurityMessage`],
      ['message to 10,000 accounts', `/console/messages/${MessageId}`],
      ['outbox', '/console/outbox'],
    ];
    const figures: ConsoleFigures['pages'] = [];
    for (const [name, path] of pages) {
      const runs = await timeEach(options.times, async () => {
        const res = await fetch(server.url + path, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        await res.arrayBuffer();
      });
      figures.push({ name, path, medianMs: median(runs) });
      process.stderr.write(`  ${name}: ${median(runs).toFixed(1)} ms\n`);
    }
    return { accounts: ACCOUNTS, contacts: loaded.contacts, largestGap, pages: figures };
  } finally {
    await server.stop();
  }
}

/** The root key's console session: its cookie. */
async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ AccessKeyId: ROOT_TENANT.creds.accessKeyId, AccessKeySecret: ROOT_TENANT.creds.secret }).toString(),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`console sign-in failed: ${res.status}`);
  return cookie;
}
