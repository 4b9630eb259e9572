/**
 * The processes of a benchmark run: rdcontacts started as `npm start` runs it (`node bin/rdcontacts.js serve`, the bundle
 * built once per run) and the bare node:http baseline, both pinned to CPU 0 (the load generator, bench/wrk.ts,
 * runs on CPU 1). Each is its own process; the harness only starts, measures and stops them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The core the server and the baseline run on; bench/wrk.ts puts the generator on the other one. */
export const SERVER_CPU = 0;

export const ROOT = resolve(import.meta.dirname, '..');

/** Compiles and bundles src/ into dist/ exactly as `npm start` does. */
export function buildDist(): void {
  for (const args of [[join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], [join(ROOT, 'scripts/bundle.mjs')]]) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Resident set size of a process in bytes (Linux /proc), or NaN elsewhere. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * A process's resident memory in bytes by kind (Linux /proc): anonymous (heap, malloc, stacks) and
 * file-backed (the node binary's pages and other mapped files, shared and reclaimable); NaN elsewhere.
 */
export function rssPartsOf(pid: number): { anon: number; file: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
    return { anon: kb('RssAnon'), file: kb('RssFile') };
  } catch {
    return { anon: NaN, file: NaN };
  }
}

/** Samples a process's RSS every 250 ms while `work` runs; returns work's result and the largest sample. */
export async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    const now = rssOf(pid);
    if (!(now <= peak)) peak = now;
  }, 250);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peak, rssOf(pid)) };
  } finally {
    clearInterval(timer);
  }
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startupMs: number;
  stop(): Promise<void>;
}

export interface ServerOptions {
  env: Record<string, string>;
  /** Where the server's stdout and stderr (the access log) go. */
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** The port to listen on (a node restarted where its clients expect it); default a free one. */
  port?: number;
}

/**
 * Starts `node bin/rdcontacts.js serve` (what `npm start` and the installed command run: the bundle, after the
 * command's own start-up, bin/young-generation.js), pinned to SERVER_CPU, with the given RDC_* settings, and
 * waits for /healthz to answer 200. Build the bundle first (buildDist): the command would rebuild a stale one.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  mkdirSync(resolve(options.logFile, '..'), { recursive: true });
  const log = openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn('taskset', ['-c', String(SERVER_CPU), process.execPath, ...(options.nodeFlags ?? []), join(ROOT, 'bin/rdcontacts.js'), 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env, RDC_HOST: '127.0.0.1', RDC_PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const startupMs = await waitForHealth(url, child, options.logFile, started);
  return {
    url,
    pid: child.pid!,
    startupMs,
    stop: () => stopChild(child),
  };
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string, started: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const res = await fetch(url + '/healthz');
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /healthz within 60 s');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the bare node:http baseline answering `bodySize` bytes of JSON, pinned like the server, after
 * busy-waiting `workUs` µs per request (the floor scenario; 0, the bare baseline, otherwise).
 */
export async function startBaseline(bodySize: number, workUs = 0): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn('taskset', ['-c', String(SERVER_CPU), process.execPath, join(ROOT, 'bench/baseline-server.mjs'), String(bodySize), String(workUs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) ok(Number(out.trim()));
    });
    child.once('exit', (code) => fail(new Error(`baseline exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}
