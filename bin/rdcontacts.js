#!/usr/bin/env node
// The `rdcontacts` command: runs the bundled service (npm ci builds dist/ through the prepare script).
await import('../dist/rdcontacts.mjs');
