/**
 * docs/compatibility.md from an answer record (scripts/compatibility.ts).
 *
 * `npm run docs` (no arguments): runs the whole test suite (`node scripts/test.mjs --write-compatibility`),
 * which records what the servers answered and calls this script back to write the file.
 * `--record <dir>`: checks the file against the record in `dir`; `--record <dir> --write` rewrites it.
 * Either way, exit status 1 when the record refuses the tables (a code never answered, an unreachable one
 * answered) or, when checking, when the file is stale.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCompatibility, COMPATIBILITY_FILE, readRecord } from './compatibility.js';

const args = process.argv.slice(2);
const at = args.indexOf('--record');
if (at < 0) {
  console.log('# npm run docs: running the whole test suite, recording what the servers answer');
  process.exit(spawnSync(process.execPath, ['scripts/test.mjs', '--write-compatibility'], { stdio: 'inherit' }).status ?? 1);
}
const dir = args[at + 1];
if (!dir) throw new Error('--record needs the folder of the answer record');
const { text, reports, problems } = buildCompatibility(readRecord(dir));
let status = 0;
if (args.includes('--write')) {
  writeFileSync(COMPATIBILITY_FILE, text);
  console.log(`# docs/compatibility.md written: ${reports.length} operations, ${reports.reduce((n, r) => n + r.codes.length, 0)} error codes`);
} else if (readFileSync(COMPATIBILITY_FILE, 'utf8') !== text) {
  console.log('# docs/compatibility.md is stale (the server answers differently from what it says): run `npm run docs` (the whole suite, recorded) and commit it');
  showDifference(text);
  status = 1;
} else console.log('# docs/compatibility.md matches what the servers answered');
if (problems.length > 0) {
  console.log(`# the answer record refuses the operation tables:\n#   ${problems.join('\n#   ')}`);
  status = 1;
}
process.exit(status);

/** Prints how this run's record differs from the file (diff -u), so a stale file says which answers changed. */
function showDifference(built: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'rdc-compat-'));
  try {
    writeFileSync(join(dir, 'compatibility.md'), built);
    spawnSync('diff', ['-u', COMPATIBILITY_FILE, join(dir, 'compatibility.md')], { stdio: 'inherit' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

