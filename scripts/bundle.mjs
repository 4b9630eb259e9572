// Bundles the compiled service (dist/main.js and everything it imports) into one file, dist/rdcontacts.mjs:
// Node.js then reads one module instead of resolving and loading hundreds, which halves start-up.
// Some packages stay outside, loaded from node_modules (runtime dependencies in package.json): better-sqlite3
// is a native addon; pg and nodemailer (and pg's optional pg-native) are kept as their authors ship them.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = await build({
  absWorkingDir: root,
  entryPoints: ['dist/main.js'],
  outfile: 'dist/rdcontacts.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // @alicloud/pop-core: imported only when an Aliyun SMS is sent (delivery/sms-aliyun.ts).
  external: ['better-sqlite3', 'pg', 'pg-native', 'nodemailer', '@alicloud/pop-core'],
  // CommonJS packages inside the bundle call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as rdcCreateRequire } from 'node:module'; const require = rdcCreateRequire(import.meta.url);" },
  charset: 'ascii',
  logLevel: 'warning',
  write: false,
});
// Pure ASCII, comments and template literals included (which charset: 'ascii' leaves as they are): V8 keeps
// a script's source in memory, two bytes a character as soon as one is not Latin-1 (5.2 MB of idle memory
// for this bundle instead of 2.6). A \u escape means the same character in a string, a template's cooked
// text, a regular expression or an identifier, and nothing in a comment; no template of ours reads `.raw`.
const [bundle] = result.outputFiles;
writeFileSync(bundle.path, bundle.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
