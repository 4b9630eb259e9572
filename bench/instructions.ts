/**
 * Instructions per request of one operation, counted by valgrind's callgrind: unlike CPU time or req/s, a
 * count of instructions does not depend on what else the machine runs, so it compares two builds on a shared
 * machine. The server (`dist/rdcontacts.mjs serve`, as the bench starts it) runs under callgrind with
 * instrumentation off, is loaded with the operations bench's fixtures and warmed up (the JIT sees the calls);
 * then instrumentation is turned on, `--requests` signed calls are made (10 at a time) and the count is read.
 * The count includes what the server does meanwhile in the background (timers, the nonce flush), as a real
 * run would. Signing happens in this process, which is not counted.
 *
 *   node --import tsx bench/instructions.ts --op GetMessageContact [--requests 2000] [--warmup 3000] [--big-directory 25000] [--keep <file>]
 *
 * --keep: also copies callgrind's dump to <file>, for `callgrind_annotate --inclusive=yes <file>`: the native
 * functions (SQLite, libuv, OpenSSL, node's bindings) are named there, so the count splits by what calls them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freshEnvironment, tenants } from './environment.js';
import { buildDist, freePort, ROOT, startServer } from './processes.js';
import { call } from './signing.js';
import { loadFixtures, OPERATIONS, preload, templatesFor, type OperationName } from './scenarios/operations.js';

const { values } = parseArgs({
  options: {
    op: { type: 'string', default: 'GetMessageContact' },
    requests: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '3000' },
    'big-directory': { type: 'string', default: '25000' },
    keep: { type: 'string' },
  },
});
const operation = values.op as OperationName;
if (!OPERATIONS.includes(operation)) throw new Error(`--op must be one of ${OPERATIONS.join(', ')}`);
const requests = Number(values.requests);

buildDist();
const dir = join(tmpdir(), `rdc-instructions-${process.pid}`);
const others = tenants(10);
const environment = await freshEnvironment(dir, 'sqlite', others, { RDC_CONTACT_DELETION_DELAY: '86400' });
const setup = await startServer({ env: environment.env, logFile: join(dir, 'setup.log') });
const fixtures = await loadFixtures(setup.url, others);
await setup.stop();
if (operation === 'AddMessageContact') await preload(environment, fixtures[0]!.directoryId, Number(values['big-directory']));

const port = await freePort();
const outFile = join(dir, 'callgrind.out');
const child = spawn(
  'valgrind',
  ['--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', `--callgrind-out-file=${outFile}`, process.execPath, join(ROOT, 'dist/rdcontacts.mjs'), 'serve'],
  { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...environment.env, RDC_HOST: '127.0.0.1', RDC_PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] },
);
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
const url = `http://127.0.0.1:${port}`;
try {
  await waitForHealth(url);
  const templates = templatesFor(operation, fixtures);
  let n = 0;
  const send = async (count: number, prefix: string) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < count) {
          const t = templates[next++ % templates.length]!;
          const params = Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, v.replace('{unique}', prefix + letters(n++))]));
          const { status, body } = await call(url, t.creds, t.action, params);
          if (status !== 200) throw new Error(`${t.action} answered ${status}: ${JSON.stringify(body)}`);
        }
      }),
    );
  };
  await send(Number(values.warmup), 'w');
  execFileSync('callgrind_control', ['-i', 'on', String(child.pid)]);
  await send(requests, 'm');
  execFileSync('callgrind_control', ['-d', String(child.pid)]);
  const dump = readdirDumps(outFile);
  if (values.keep) copyFileSync(dump, values.keep);
  const total = Number(/^summary:\s+(\d+)/m.exec(readFileSync(dump, 'utf8'))?.[1] ?? /^totals:\s+(\d+)/m.exec(readFileSync(dump, 'utf8'))?.[1]);
  console.log(`${operation}: ${requests} requests, ${total} instructions, ${Math.round(total / requests)} per request`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

/** callgrind_control -d writes `<file>.<n>` beside the out file. */
function readdirDumps(file: string): string {
  for (let i = 1; i < 10; i++) if (existsSync(`${file}.${i}`)) return `${file}.${i}`;
  throw new Error(`no callgrind dump beside ${file}: ${stderr.slice(-2000)}`);
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr.slice(-2000)}`);
    try {
      if ((await fetch(base + '/healthz')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not answer /healthz under valgrind within 5 minutes');
}

function letters(i: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}
