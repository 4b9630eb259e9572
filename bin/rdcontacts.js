#!/usr/bin/env node
// The `rdcontacts` command: runs the compiled service (npm ci builds dist/ through the prepare script).
await import('../dist/main.js');
