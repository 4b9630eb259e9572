import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/store.js';
import { createMetrics, type ServerMetrics } from '../../src/metrics/registry.js';

export interface TestServices {
  config: Config;
  store: Store;
  services: Services;
  /** What the services report, as a server's (for parts a test builds itself). */
  metrics: ServerMetrics;
  close(): Promise<void>;
}

/** The domain services over a fresh SQLite store, without HTTP (for tests of the domain and store). */
export async function openTestServices(env: Record<string, string> = {}): Promise<TestServices> {
  const dir = mkdtempSync(join(tmpdir(), 'rdc-unit-'));
  const config = loadConfig({ RDC_DATA_DIR: dir, RDC_LOG_LEVEL: 'silent', ...env });
  const metrics = createMetrics();
  const store = await openSqliteStore(dir, { timings: metrics.store });
  // No server listens here: verification links point at the configured address.
  const services = createServices(config, store, pino({ level: 'silent' }), metrics, () => `http://${config.host}:${config.port}`);
  return {
    config,
    store,
    services,
    metrics,
    async close() {
      await services.jobs.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
