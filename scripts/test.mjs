// The README's test command (`npm test`): every test under test/, with node's own runner and tsx. When
// RDC_TEST_DATABASE_URL is set (a PostgreSQL URL that may create databases), the end-to-end tests (test/e2e)
// then run a second time with every test server over a fresh PostgreSQL database; otherwise this says so.
// The exit code is non-zero when either run fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function run(files, env) {
  if (files.length === 0) return 0;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
  return result.status ?? 1;
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

const filter = process.argv.slice(2);
const files = find('test').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x))).sort();
const url = process.env.RDC_TEST_DATABASE_URL;
if (!url) {
  console.log('# RDC_TEST_DATABASE_URL is not set: the PostgreSQL runs are skipped (.ci/run sets it).');
  process.exit(run(files, process.env));
}

// Names of this run's databases start with `<prefix>_` (RDC_TEST_DATABASE_PREFIX chooses the prefix).
const prefix = process.env.RDC_TEST_DATABASE_PREFIX ?? `rdc_t${process.pid}`;
const env = { ...process.env, RDC_TEST_DATABASE_PREFIX: prefix };
let status = 1;
try {
  const sqlite = run(files, env);
  console.log('# the end-to-end tests again, each test server over a fresh PostgreSQL database (RDC_TEST_STORE=postgres)');
  const postgres = run(files.filter((f) => f.startsWith(join('test', 'e2e'))), { ...env, RDC_TEST_STORE: 'postgres' });
  console.log(`# SQLite run: ${sqlite === 0 ? 'passed' : 'FAILED'}; PostgreSQL run: ${postgres === 0 ? 'passed' : 'FAILED'}`);
  status = sqlite === 0 && postgres === 0 ? 0 : 1;
} finally {
  await dropDatabases(url, prefix).catch((err) => console.log(`# could not drop the test databases ${prefix}_*: ${err.message}`));
}
process.exit(status);
