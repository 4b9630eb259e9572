#!/usr/bin/env node
// The `rdcontacts` command: runs the bundled service, dist/rdcontacts.mjs (built by `npm ci` through the
// prepare script, and shipped in the package). In a checkout (src/ beside it) a stale bundle is rebuilt first.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src', import.meta.url))) await import('../scripts/ensure-built.mjs');
await import('../dist/rdcontacts.mjs');
