/**
 * rdcontacts as a separate process, exactly as `rdcontacts` runs it (src/main.ts under tsx), for what only a
 * process shows: exit codes, stderr, signals, kill -9. Inherited RDC_* variables are dropped so the test's
 * own settings are the only ones, but for the answer record of the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testStoreEnv } from './database.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = ['--import', 'tsx', 'src/main.ts'];
/** The installed command: bin/rdcontacts.js, which runs the built bundle (dist/rdcontacts.mjs). */
export const INSTALLED = ['bin/rdcontacts.js'];

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // RDC_ANSWER_RECORD is kept: npm test records what every server answered (docs/compatibility.md).
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RDC_') || name === 'RDC_ANSWER_RECORD'));
  return { ...clean, ...env };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `rdcontacts <args>` to its end (e.g. --help, or a start-up that must fail). */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Exit> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...MAIN, ...args], { cwd: repoRoot, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rdcontacts ${args.join(' ')} did not exit within ${timeoutMs} ms; stdout: ${stdout} stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:port`, from the "rdcontacts is serving" log line. */
  url: string;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** The pino JSON lines of stdout, parsed. */
  logLines(): any[];
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every server process still running: for an `after` hook, so a failed test leaves none behind. */
export function killServes(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Starts `rdcontacts serve` (in `cwd`, the checkout unless given) and resolves once it serves (RDC_PORT=0 unless given: a free port). Given
 * RDC_DATA_DIR without RDC_DATABASE_URL, over the store of that folder the run asks for (see database.ts).
 */
export async function spawnServe(env: Record<string, string>, timeoutMs = 30_000, main: string[] = MAIN, cwd = repoRoot): Promise<ServeProcess> {
  const store = env.RDC_DATA_DIR !== undefined && env.RDC_DATABASE_URL === undefined ? await testStoreEnv(env.RDC_DATA_DIR) : {};
  const child = spawn(process.execPath, [...main, 'serve'], { cwd, env: childEnv({ RDC_HOST: '127.0.0.1', RDC_PORT: '0', ...store, ...env }) });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const exited = new Promise<Exit>((resolveExit) => child.on('close', (code, signal) => resolveExit({ code, signal, stdout, stderr })));
  // Complete lines only: the last one may still be arriving.
  const logLines = () =>
    stdout
      .split('\n')
      .slice(0, -1)
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rdcontacts serve did not start within ${timeoutMs} ms; stdout: ${stdout} stderr: ${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c) => {
      stdout += c;
      const serving = logLines().find((l) => l.msg === 'rdcontacts is serving');
      if (serving) {
        clearTimeout(timer);
        resolvePromise({ child, url: serving.url, stdout: () => stdout, stderr: () => stderr, logLines, exited });
      }
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`rdcontacts serve exited before serving (code ${exit.code}); stderr: ${exit.stderr}`));
    });
  });
}
