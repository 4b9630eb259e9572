// `npm run docs`: writes docs/compatibility.md from the operations' parameter tables and the tests.
import { writeFileSync } from 'node:fs';
import { buildCompatibility, COMPATIBILITY_FILE, uncovered } from './compatibility.js';

const { text, reports } = buildCompatibility();
writeFileSync(COMPATIBILITY_FILE, text);
const missing = uncovered(reports);
console.log(`docs/compatibility.md: ${reports.length} operations, ${reports.reduce((n, r) => n + r.codes.length, 0)} error codes`);
if (missing.length > 0) console.log(`codes without a covering test:\n  ${missing.join('\n  ')}`);
