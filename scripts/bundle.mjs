// Bundles the compiled service (dist/main.js and everything it imports) into one file, dist/rdcontacts.mjs:
// Node.js then reads one module instead of resolving and loading hundreds, which halves start-up.
// Some packages stay outside, loaded from node_modules (runtime dependencies in package.json): better-sqlite3
// is a native addon; pg and nodemailer (and pg's optional pg-native) are kept as their authors ship them.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['dist/main.js'],
  outfile: 'dist/rdcontacts.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'pg-native', 'nodemailer'],
  // CommonJS packages inside the bundle call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as rdcCreateRequire } from 'node:module'; const require = rdcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
