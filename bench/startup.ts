/**
 * Start-up: from spawning the server to its first 200 from /healthz, on a new data folder (migrations run,
 * credentials generated) and on a restart, with the RSS a second later; a bare node:http server started
 * the same way shows what Node.js alone costs on this machine.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freshEnvironment, type StoreKind } from './environment.js';
import { freePort, rssOf, startServer } from './processes.js';

export interface StartupFigures {
  firstMs: number[];
  restartMs: number[];
  firstIdleRss: number[];
  restartIdleRss: number[];
  bareNodeMs: number[];
}

const settle = () => new Promise((r) => setTimeout(r, 1000));

export async function runStartup(options: { store: StoreKind; workDir: string; times: number }): Promise<StartupFigures> {
  const figures: StartupFigures = { firstMs: [], restartMs: [], firstIdleRss: [], restartIdleRss: [], bareNodeMs: [] };
  for (let i = 0; i < options.times; i++) {
    const dir = join(options.workDir, 'startup');
    const environment = await freshEnvironment(dir, options.store, []);
    for (const phase of ['first', 'restart'] as const) {
      const server = await startServer({ env: environment.env, logFile: join(dir, 'server.log') });
      await settle();
      figures[`${phase}Ms`].push(server.startupMs);
      figures[`${phase}IdleRss`].push(rssOf(server.pid));
      await server.stop();
    }
    figures.bareNodeMs.push(await bareNodeStartup());
  }
  return figures;
}

async function bareNodeStartup(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q,s)=>s.end('{}')).listen(${port},'127.0.0.1')`], { stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    child.kill('SIGKILL');
  }
}
