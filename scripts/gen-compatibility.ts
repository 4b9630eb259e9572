// `npm run docs`: writes docs/compatibility.md from the operations' parameter tables and the tests, then
// lists what test/unit/operations/compatibility-doc.test.ts refuses (exit status 1 if anything; the file is written anyway).
import { writeFileSync } from 'node:fs';
import { buildCompatibility, COMPATIBILITY_FILE, uncovered, unreachableProblems } from './compatibility.js';

const { text, reports } = buildCompatibility();
writeFileSync(COMPATIBILITY_FILE, text);
console.log(`docs/compatibility.md: ${reports.length} operations, ${reports.reduce((n, r) => n + r.codes.length, 0)} error codes`);
const missing = uncovered(reports);
if (missing.length > 0) console.log(`codes without a covering test or an unreachable reason:\n  ${missing.join('\n  ')}`);
const problems = unreachableProblems(reports);
if (problems.length > 0) console.log(`unreachable reasons that do not hold:\n  ${problems.join('\n  ')}`);
if (missing.length + problems.length > 0) process.exitCode = 1;
