// The README's test command (`npm test`): every test under test/, with node's own runner and tsx.
// PostgreSQL-backed runs happen when RDC_TEST_DATABASE_URL is set (see README); otherwise this says so.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = find('test').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x))).sort();
if (!process.env.RDC_TEST_DATABASE_URL) {
  console.log('# RDC_TEST_DATABASE_URL is not set: the PostgreSQL runs are skipped (.ci/run sets it).');
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
