#!/usr/bin/env node
// The `rdcontacts` command: runs the bundled service, dist/rdcontacts.mjs (built by `npm ci` through the
// prepare script, and shipped in the package). In a checkout (src/ beside it) a stale bundle is rebuilt first.
import { existsSync } from 'node:fs';
import { youngGenerationRestart } from './young-generation.js';

// Before anything is loaded: the process may replace itself once, to run with a bounded young generation.
const restart = youngGenerationRestart(process);
if (restart) process.execve(restart.file, restart.args, process.env);

if (existsSync(new URL('../src', import.meta.url))) await import('../scripts/ensure-built.mjs');
await import('../dist/rdcontacts.mjs');
