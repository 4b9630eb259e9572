// The README's test command (`npm test`): every test under test/, with node's own runner and tsx. When
// RDC_TEST_DATABASE_URL is set (a PostgreSQL URL that may create databases), the end-to-end tests (test/e2e)
// then run a second time with every test server over a fresh PostgreSQL database; otherwise this says so.
// A run of the whole suite (no path filter) records what every test server answered during the SQLite run
// (RDC_ANSWER_RECORD) and checks docs/compatibility.md against that record; `--write-compatibility` (what
// `npm run docs` runs) rewrites the file instead. The exit code is non-zero when any of these fails.
//
// It never hangs: each test file has 10 minutes (node's --test-timeout, which bounds a whole file when files
// run in processes of their own; RDC_TEST_FILE_TIMEOUT in seconds), a file whose tests are done exits even if
// it left a handle open (--test-force-exit, with every test's report still delivered: test-reports-blocking.mjs),
// and each run is killed after 30 minutes (RDC_TEST_RUN_TIMEOUT).
// The browser tests need Debian's Chromium: when it is missing, root with apt-get installs it, anyone else is
// told what is missing before anything runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const FILE_TIMEOUT_MS = Number(process.env.RDC_TEST_FILE_TIMEOUT ?? 600) * 1000;
const RUN_TIMEOUT_MS = Number(process.env.RDC_TEST_RUN_TIMEOUT ?? 1800) * 1000;

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Runs the files in node's test runner; resolves to its exit code (1 when the run watchdog killed it). */
function run(files, env) {
  if (files.length === 0) return Promise.resolve(0);
  // Reports are written blocking (scripts/test-reports-blocking.mjs says why): with --test-force-exit, none is lost.
  const blockingReports = new URL('./test-reports-blocking.mjs', import.meta.url).href;
  const args = ['--import', 'tsx', '--import', blockingReports, '--test', '--test-reporter=spec', `--test-timeout=${FILE_TIMEOUT_MS}`, '--test-force-exit', ...files];
  // A process group of its own, so the watchdog stops the test files' processes too.
  const child = spawn(process.execPath, args, { stdio: 'inherit', env, detached: true });
  const stopOnInterrupt = () => process.kill(-child.pid, 'SIGTERM');
  process.once('SIGINT', stopOnInterrupt);
  const watchdog = setTimeout(() => {
    console.log(`# the test run took more than ${RUN_TIMEOUT_MS / 1000} s (RDC_TEST_RUN_TIMEOUT): stopped`);
    process.kill(-child.pid, 'SIGKILL');
  }, RUN_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(watchdog);
      process.off('SIGINT', stopOnInterrupt);
      resolve(code ?? 1);
    }),
  );
}

/**
 * A Debian program some tests drive (Chromium for the browser tests, Prometheus Alertmanager for its receiver):
 * there, installed now (root with apt-get), or a line saying what is missing.
 */
function ensureProgram(program, pkg, what) {
  if (existsSync(program)) return true;
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (canInstall) {
    console.log(`# ${program} is missing: installing Debian's ${pkg} for ${what} (apt-get)`);
    const install = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`], { stdio: 'inherit' });
    if (install.status === 0 && existsSync(program)) return true;
  }
  console.log(`rdcontacts tests: ${what} need ${program} (Debian: apt-get install -y ${pkg}, as root)${canInstall ? '; installing it failed' : ''}`);
  return false;
}

/** Drops the databases this run made (named `<prefix>_…`), also those of tests that failed. */
async function dropDatabases(url, prefix) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix + '_']);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The SQLite run; for the whole suite, with every server's answers recorded, then docs/compatibility.md
 * checked (or written) from the record. Only a passing run's record is complete enough to judge the file.
 */
async function runRecorded(files, env) {
  const { RDC_ANSWER_RECORD: _inherited, ...clean } = env;
  if (!wholeSuite) return run(files, clean);
  const record = mkdtempSync(join(tmpdir(), 'rdc-answers-'));
  try {
    const status = await run(files, { ...clean, RDC_ANSWER_RECORD: record });
    if (status !== 0) {
      console.log('# docs/compatibility.md not checked: the run failed, so its answer record is incomplete');
      return status;
    }
    const compat = ['--import', 'tsx', 'scripts/gen-compatibility.ts', '--record', record, ...(writeCompatibility ? ['--write'] : [])];
    return spawnSync(process.execPath, compat, { stdio: 'inherit', env: clean }).status ?? 1;
  } finally {
    rmSync(record, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const writeCompatibility = args.includes('--write-compatibility');
const filter = args.filter((a) => a !== '--write-compatibility');
const wholeSuite = filter.length === 0;
const files = find('test').filter((f) => wholeSuite || filter.some((x) => f.includes(x))).sort();
const sources = files.map((f) => readFileSync(f, 'utf8'));
if (sources.some((text) => text.includes('support/browser.js')) && !ensureProgram('/usr/bin/chromium', 'chromium', 'the browser tests')) process.exit(1);
if (sources.some((text) => text.includes('/usr/bin/prometheus-alertmanager')) && !ensureProgram('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager', 'the Alertmanager tests')) process.exit(1);
const url = process.env.RDC_TEST_DATABASE_URL;
if (!url) {
  console.log('# RDC_TEST_DATABASE_URL is not set: the PostgreSQL runs are skipped (.ci/run sets it).');
  process.exit(await runRecorded(files, process.env));
}

// Names of this run's databases start with `<prefix>_` (RDC_TEST_DATABASE_PREFIX chooses the prefix).
const prefix = process.env.RDC_TEST_DATABASE_PREFIX ?? `rdc_t${process.pid}`;
const env = { ...process.env, RDC_TEST_DATABASE_PREFIX: prefix };
let status = 1;
try {
  const sqlite = await runRecorded(files, env);
  console.log('# the end-to-end tests again, each test server over a fresh PostgreSQL database (RDC_TEST_STORE=postgres)');
  const { RDC_ANSWER_RECORD: _recorded, ...unrecorded } = env;
  const postgres = await run(files.filter((f) => f.startsWith(join('test', 'e2e'))), { ...unrecorded, RDC_TEST_STORE: 'postgres' });
  console.log(`# SQLite run: ${sqlite === 0 ? 'passed' : 'FAILED'}; PostgreSQL run: ${postgres === 0 ? 'passed' : 'FAILED'}`);
  status = sqlite === 0 && postgres === 0 ? 0 : 1;
} finally {
  await dropDatabases(url, prefix).catch((err) => console.log(`# could not drop the test databases ${prefix}_*: ${err.message}`));
}
process.exit(status);
