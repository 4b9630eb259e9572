import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/runtime.js';
import { base62, newId } from '../../src/ids.js';
import { CLIENT_NAMES, makeClient, type Call, type ClientName, type Credentials } from './clients.js';
import { dropTestStore, testStoreEnv } from './database.js';
import { RDCONTACTS_2026 } from '../../src/operations/operation.js';

const EXTENSION_VERSION = RDCONTACTS_2026.version;

/** The run's answer record (scripts/test.mjs sets RDC_ANSWER_RECORD), for servers whose settings are given whole. */
export const answerRecordEnv: Record<string, string> = process.env.RDC_ANSWER_RECORD ? { RDC_ANSWER_RECORD: process.env.RDC_ANSWER_RECORD } : {};

export interface Tenant {
  accountId: string;
  creds: Credentials;
}

export interface TestServer extends Running {
  dataDir: string;
  creds: Credentials;
  /** An official client of the given kind signed with the root key (or `creds`). */
  client(name?: ClientName, creds?: Credentials): Call;
  /** An official client (openapi-core `callApi`, V3 unless told) of rdcontacts' own API, version 2026-12-01. */
  extensionClient(creds?: Credentials, name?: ClientName): Call;
  /** Adds another tenant: an account (random unless given) with its own root AccessKey. */
  addTenant(accountId?: string): Tenant;
  stop(): Promise<void>;
}

/**
 * Starts a real rdcontacts on 127.0.0.1 and a free port, as `rdcontacts serve` would, with `env` as extra
 * RDC_* settings, over a fresh store: the SQLite file of a new data folder, or with RDC_TEST_STORE=postgres a
 * new PostgreSQL database (see database.ts). Given a `dataDir`, the store of that folder, as it was left.
 */
export async function startTestServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'rdc-test-'));
  const config = loadConfig({ RDC_HOST: '127.0.0.1', RDC_PORT: '0', RDC_DATA_DIR: dir, RDC_LOG_LEVEL: 'silent', ...answerRecordEnv, ...(await testStoreEnv(dir)), ...env });
  /** The folder and database made for this server (none when given a `dataDir`), also when it fails to start. */
  const removeOwnStore = async () => {
    if (dataDir) return;
    rmSync(dir, { recursive: true, force: true });
    await dropTestStore(dir);
  };
  const running = await start(config, pino({ level: config.logLevel })).catch(async (err: unknown) => {
    await removeOwnStore();
    throw err;
  });
  const creds = { accessKeyId: running.root.accessKeyId, accessKeySecret: running.root.accessKeySecret };
  return Object.assign(running, {
    dataDir: dir,
    creds,
    client: (name: ClientName = 'openapi-core-v3', c: Credentials = creds) => makeClient(name, running.url, c),
    extensionClient: (c: Credentials = creds, name: ClientName = 'openapi-core-v3') => makeClient(name, running.url, c, EXTENSION_VERSION),
    addTenant(accountId: string = newId.account()) {
      const tenant = { accountId, creds: { accessKeyId: 'LTAI' + base62(20), accessKeySecret: base62(30) } };
      running.keys.replace([
        ...running.keys.all(),
        { id: tenant.creds.accessKeyId, secret: tenant.creds.accessKeySecret, status: 'Active', principal: { accountId, type: 'Root', name: accountId } },
      ]);
      return tenant;
    },
    async stop() {
      await running.close();
      await removeOwnStore();
    },
  });
}

export { CLIENT_NAMES };

/** A test server whose root tenant has enabled its directory: what most tree tests start from. */
export interface ServerWithDirectory {
  server: TestServer;
  /** openapi-core (V3) signed with the root key. */
  call: Call;
  rdId: string;
  rootId: string;
}

export async function startServerWithDirectory(env: Record<string, string> = {}): Promise<ServerWithDirectory> {
  const server = await startTestServer(env);
  const call = server.client('openapi-core-v3');
  const rd = (await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory;
  return { server, call, rdId: rd.ResourceDirectoryId, rootId: rd.RootFolderId };
}
