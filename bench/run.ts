/**
 * npm run bench [-- options]: starts rdcontacts as a user does, pinned to CPU 0, loads it with wrk on CPU 1
 * (requests signed before each run) in rounds interleaved with a bare node:http baseline on the same core,
 * judges each run valid or invalid from the CPU both used, measures cost as the directory grows and
 * start-up (and, asked for, the floor: the baseline with work added per request), and writes the results
 * as markdown under bench/results/.
 *
 *   --quick                 a short smoke run (1 round of 2 s, 1,000 and 10,000 accounts, 2 starts)
 *   --store sqlite|postgres PostgreSQL uses RDC_DATABASE_URL, a database for benchmarks only (it is emptied)
 *   --only operations,growth,console,startup,floor   (floor is not in the default set: about 4 minutes on its own)
 *   --work 0,10,20,...      µs of work per request the floor scenario adds to the baseline
 *   --ops GetMessageContact,AddMessageContact,...   a subset of the operations
 *   --sizes 1000,10000,100000
 *   --rounds N --duration S --warmup S --connections N
 *   --big-directory N       contacts already in the directory AddMessageContact adds to (25,000)
 *   --cpu-prof              the server writes a CPU profile per run into bench/results/profiles/
 *   --node-flags="F …"      extra Node.js flags for the server (e.g. --node-flags=--max-semi-space-size=16)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { StoreKind } from './environment.js';
import { buildDist, ROOT } from './processes.js';
import { renderReport, type RunReport } from './report.js';
import { OPERATIONS, runOperations, type OperationName } from './scenarios/operations.js';
import { runGrowth } from './scenarios/growth.js';
import { runConsole } from './scenarios/console.js';
import { FLOOR_WORK_US, QUICK_FLOOR_WORK_US, runFloor } from './scenarios/floor.js';
import { runStartup } from './startup.js';
import { ensureWrk } from './wrk.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
    only: { type: 'string' },
    ops: { type: 'string' },
    sizes: { type: 'string' },
    work: { type: 'string' },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    'big-directory': { type: 'string' },
    connections: { type: 'string', default: '50' },
    'cpu-prof': { type: 'boolean', default: false },
    'node-flags': { type: 'string' },
  },
});

async function main(): Promise<void> {
  const store = values.store as StoreKind;
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store must be sqlite or postgres, got ${values.store}`);
  const quick = values.quick!;
  const only = new Set((values.only ?? 'operations,growth,console,startup').split(','));
  const ops = values.ops ? (values.ops.split(',') as OperationName[]) : OPERATIONS;
  for (const op of ops) if (!OPERATIONS.includes(op)) throw new Error(`unknown operation ${op}`);
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : quick ? [1000, 10000] : [1000, 10000, 100000];
  const workUs = values.work ? values.work.split(',').map(Number) : quick ? QUICK_FLOOR_WORK_US : FLOOR_WORK_US;
  for (const w of workUs) if (!(w >= 0)) throw new Error(`--work takes µs of work per request, ≥ 0: got ${values.work}`);
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  const durationSec = Number(values.duration ?? (quick ? 2 : 5));
  const warmupSec = Number(values.warmup ?? (quick ? 1 : 2));
  const bigDirectory = Number(values['big-directory'] ?? (quick ? 2000 : 25000));
  const connections = Number(values.connections);
  const workDir = join(tmpdir(), `rdcontacts-bench-${process.pid}`);
  const profileDir = join(ROOT, 'bench/results/profiles');
  const extraFlags = values['node-flags']?.split(' ').filter((f) => f !== '') ?? [];
  const profileFlags = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const nodeFlags = extraFlags.length + profileFlags.length > 0 ? [...extraFlags, ...profileFlags] : undefined;

  ensureWrk();
  // The floor runs the baseline alone: no bundle to build for it.
  if (['operations', 'growth', 'console', 'startup'].some((s) => only.has(s))) {
    process.stderr.write('building dist/ (as npm start does)\n');
    buildDist();
  }
  const report: RunReport = {
    startedAt: new Date(),
    store,
    quick,
    settings:
      `wrk -t1 -c${connections} on CPU 1, server and baseline on CPU 0; ${rounds} round(s) per operation, each run ${durationSec} s after a ${warmupSec} s warm-up; ` +
      `access log on (to a file); every request V3-signed before the run with a nonce of its own; AddMessageContact into a directory of ${bigDirectory.toLocaleString('en')} contacts`,
  };
  if (only.has('operations')) {
    process.stderr.write('operations against the baseline\n');
    report.operations = await runOperations({ store, workDir, connections, durationSec, warmupSec, rounds, bigDirectory, only: ops, ...(nodeFlags && { nodeFlags }) });
  }
  if (only.has('growth')) {
    process.stderr.write('growth\n');
    report.growth = await runGrowth({ store, workDir, sizes, calls: quick ? 100 : 300, ...(nodeFlags && { nodeFlags }) });
  }
  if (only.has('console')) {
    process.stderr.write('console pages at 10,000 accounts\n');
    report.console = await runConsole({ store, workDir, times: quick ? 7 : 21, ...(nodeFlags && { nodeFlags }) });
  }
  if (only.has('startup')) {
    process.stderr.write('start-up\n');
    report.startup = await runStartup({ store, workDir, times: quick ? 2 : 5 });
  }
  if (only.has('floor')) {
    process.stderr.write('the floor: the baseline with work added per request\n');
    report.floor = await runFloor({ workDir, connections, durationSec, warmupSec, rounds, workUs });
  }
  rmSync(workDir, { recursive: true, force: true });
  const markdown = renderReport(report);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.toISOString().slice(0, 16).replace(/:/g, '')}-${store}${quick ? '-quick' : ''}.md`);
  writeFileSync(file, markdown + '\n');
  process.stdout.write(markdown + '\n');
  process.stderr.write(`written to ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
