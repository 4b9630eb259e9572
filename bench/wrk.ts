/**
 * The load generator: wrk (native, one thread pinned to CPU 1) sending requests signed before the run, read
 * from a file by bench/requests.lua, so the generator never signs while it measures. During each run the
 * CPU of both cores and of the server and wrk processes is read from /proc; a run is valid only when the
 * generator's core stayed below 90 % busy and the server used at least 90 % of its core — otherwise the
 * figure measures the generator or the machine's other load, not the server. On PostgreSQL the server's
 * database backends are counted with it (bench/postgres-backends.ts pins them to its core).
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { snapshot, usage } from './cpu.js';
import { ROOT, SERVER_CPU } from './processes.js';
import { signV3, type Credentials } from './signing.js';

export const GENERATOR_CPU = 1;
/** The server must use at least this share of its core, and the generator's core must stay below it. */
export const VALID_SHARE = 0.9;

export interface RequestTemplate {
  creds: Credentials;
  action: string;
  /** Business parameters; `{unique}` in a value becomes a fresh run of letters per request. */
  params: Record<string, string>;
}

export interface WrkResult {
  rps: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Share of one core: the server (or baseline) process with its database backends, the wrk process, and each core overall. */
  serverCpu: number;
  /** Of serverCpu, the PostgreSQL backends' share; only when they were counted. */
  databaseCpu?: number;
  wrkCpu: number;
  serverCoreBusy: number;
  generatorCoreBusy: number;
  /** The one-minute load average just before the run. */
  loadBefore: number;
  /** The file ran out before the run ended (then nonces repeated): the run is invalid. */
  exhausted: boolean;
  valid: boolean;
  /** Why the run is invalid, if it is. */
  invalidBecause: string[];
}

/** Installs wrk with apt-get when running as root; otherwise explains how to, and stops. */
export function ensureWrk(): void {
  if (spawnSync('wrk', ['-v']).error === undefined) return;
  if (process.getuid?.() !== 0) {
    throw new Error('the benchmark needs wrk (a native HTTP load generator): install it with `sudo apt-get install wrk` (Debian/Ubuntu) and run again');
  }
  process.stderr.write('installing wrk with apt-get\n');
  for (const args of [['update'], ['install', '-y', 'wrk']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install wrk by hand and run again`);
  }
}

function letters(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

/**
 * Writes `count` raw HTTP requests, each V3-signed now with a nonce of its own, taking the templates in
 * turn (request i is template i % templates.length). `{unique}` values start with `prefix`.
 */
export function writeRequests(file: string, url: string, templates: readonly RequestTemplate[], count: number, prefix: string): void {
  const host = new URL(url).host;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]!;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.params)) params[k] = v.replace('{unique}', prefix + letters(i));
    const signed = signV3(t.creds, host, t.action, params);
    let head = `POST ${signed.path} HTTP/1.1\r\n`;
    for (const [name, value] of Object.entries(signed.headers)) head += `${name}: ${value}\r\n`;
    parts.push(head + 'content-length: 0\r\n\r\n');
  }
  writeFileSync(file, parts.join(''));
}

export interface WrkRun {
  url: string;
  /** The server (or baseline) process whose CPU is measured; it runs pinned to SERVER_CPU. */
  serverPid: number;
  /** The PostgreSQL backends serving the server, pinned to its core: their CPU counts as the server's. */
  databasePids?: readonly number[];
  file: string;
  /** `once`: every request at most once (fresh nonces); `cycle`: replay the file (the baseline). */
  mode: 'once' | 'cycle';
  connections: number;
  durationSec: number;
}

/** Runs wrk pinned to GENERATOR_CPU and judges the run from the CPU it and the server used meanwhile. */
export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const loadBefore = loadavg()[0]!;
  const child = spawn(
    'taskset',
    ['-c', String(GENERATOR_CPU), 'wrk', '-t1', `-c${run.connections}`, `-d${run.durationSec}s`, '--timeout', '10s', '-s', join(ROOT, 'bench/requests.lua'), run.url, '--', run.file, run.mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // The CPU window leaves out wrk's start (reading the file, connecting) and its last moments.
  const margin = Math.min(0.5, run.durationSec / 5) * 1000;
  await sleep(margin);
  const databasePids = run.databasePids ?? [];
  const watched = [run.serverPid, ...databasePids, child.pid!];
  const before = snapshot(watched);
  await sleep(run.durationSec * 1000 - 2 * margin);
  const after = snapshot(watched);
  const code = await exited;
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${out}`);
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no summary: ${out}`);
  const w = JSON.parse(line) as Record<string, number>;
  const cpu = usage(before, after);
  const databaseCpu = cpu.processes(databasePids);
  const result: WrkResult = {
    rps: (w.requests! - w.non2xx!) / (w.durationUs! / 1e6),
    requests: w.requests!,
    non2xx: w.non2xx!,
    socketErrors: w.connectErrors! + w.readErrors! + w.writeErrors! + w.timeouts!,
    p50Ms: w.p50Us! / 1000,
    p90Ms: w.p90Us! / 1000,
    p99Ms: w.p99Us! / 1000,
    serverCpu: cpu.processes([run.serverPid]) + databaseCpu,
    ...(run.databasePids && { databaseCpu }),
    wrkCpu: cpu.processes([child.pid!]),
    serverCoreBusy: cpu.core(SERVER_CPU),
    generatorCoreBusy: cpu.core(GENERATOR_CPU),
    loadBefore,
    exhausted: w.exhausted! > 0,
    valid: false,
    invalidBecause: [],
  };
  if (result.generatorCoreBusy >= VALID_SHARE) result.invalidBecause.push(`generator core ${pct(result.generatorCoreBusy)} busy`);
  if (result.serverCpu < VALID_SHARE) {
    result.invalidBecause.push(`server${run.databasePids ? ' and its database' : ''} at ${pct(result.serverCpu)} of its core`);
  }
  if (result.exhausted) result.invalidBecause.push('ran out of pre-signed requests');
  result.valid = result.invalidBecause.length === 0;
  return result;
}

export const pct = (share: number) => `${(100 * share).toFixed(0)} %`;

/** A run's verdict for the progress log: valid or why not, with the CPU it was judged on. */
export function verdict(w: WrkResult): string {
  const database = w.databaseCpu === undefined ? '' : ` (PostgreSQL ${pct(w.databaseCpu)})`;
  return `${w.valid ? 'valid' : 'INVALID (' + w.invalidBecause.join(', ') + ')'} [cpu ${pct(w.serverCpu)}${database}, wrk core ${pct(w.generatorCoreBusy)}]`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
