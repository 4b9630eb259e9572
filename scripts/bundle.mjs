// Bundles the compiled service (dist/main.js and everything it imports) into one file, dist/rdcontacts.mjs:
// Node.js then reads one module instead of resolving and loading hundreds, which halves start-up.
// Some packages stay outside, loaded from node_modules (runtime dependencies in package.json): better-sqlite3
// is a native addon; pg and nodemailer (and pg's optional pg-native) are kept as their authors ship them.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Node.js's own modules are required, never imported, by the bundle: an `import … from 'node:http'` makes
// Node build that module's ES facade, which reads every export, lazy ones included, and node:http's lazy
// WebSocket, MessageEvent and CloseEvent load the whole of Node's fetch (undici): 13 MB of idle memory
// for a server that never fetches at start (node:fs's facade costs 1 MB the same way). A require() reads
// only the exports the code uses; esbuild's interop keeps named imports live, so they behave the same.
const builtinsRequired = {
  name: 'builtins-required',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin-required' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin-required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

// Modules that two dependencies load at start and use only for what this server may never do: Fastify
// requires node:https and node:http2 for an HTTPS or HTTP/2 server (ours is HTTP/1.1, and HTTPS only with
// RDC_TLS_CERT_FILE), prom-client its Pushgateway (node:https, node:zlib), which we never push to. Loading
// node:tls, node:http2 and node:zlib costs 2.5 MB of idle memory; here they are loaded when first used.
// Each rewrite names the exact text it replaces: a dependency's update that changes it fails the build,
// rather than silently loading them again (or, worse, changing what the code does).
const LAZY_PROXY = 'new Proxy({}, { get: (_, key) => (loaded ??= load())[key] })';
const lazyRequires = [
  {
    file: /node_modules\/fastify\/lib\/server\.js$/,
    replace: [
      // Fastify only reads properties of both (https.createServer, http2.createServer, http2.createSecureServer).
      ["const https = require('node:https')\n", `const https = ((load, loaded) => ${LAZY_PROXY})(() => require('node:https'))\n`],
      ["const http2 = require('node:http2')\n", `const http2 = ((load, loaded) => ${LAZY_PROXY})(() => require('node:http2'))\n`],
    ],
  },
  {
    file: /node_modules\/prom-client\/index\.js$/,
    replace: [["exports.Pushgateway = require('./lib/pushgateway');\n", "Object.defineProperty(exports, 'Pushgateway', { enumerable: true, get: () => require('./lib/pushgateway') });\n"]],
  },
];
const requiredWhenUsed = {
  name: 'required-when-used',
  setup(build) {
    for (const { file, replace } of lazyRequires) {
      build.onLoad({ filter: file }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const [from, to] of replace) {
          if (!contents.includes(from)) throw new Error(`${args.path} no longer contains ${JSON.stringify(from)}: see lazyRequires in scripts/bundle.mjs`);
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['dist/main.js'],
  outfile: 'dist/rdcontacts.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [builtinsRequired, requiredWhenUsed],
  // @alicloud/pop-core: imported only when an Aliyun SMS is sent (delivery/sms-aliyun.ts). Fastify's schema
  // compilers (ajv, fast-json-stringify: src/http/server.ts gives it none) and light-my-request (its inject(),
  // for tests) are required only when used, which the server never does: left out, their 0.6 MB of source is
  // not held in memory, and they still resolve from node_modules (Fastify's own dependencies) if ever required.
  external: [
    'better-sqlite3',
    'pg',
    'pg-native',
    'nodemailer',
    '@alicloud/pop-core',
    '@fastify/ajv-compiler',
    '@fastify/fast-json-stringify-compiler',
    'light-my-request',
  ],
  // CommonJS packages inside the bundle call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as rdcCreateRequire } from 'node:module'; const require = rdcCreateRequire(import.meta.url);" },
  charset: 'ascii',
  // V8 keeps the whole source of a script for as long as it runs (functions compile lazily from it): without
  // indentation and comments it is 1.9 MB instead of 2.9 (1.4 with the packages left out above), and its
  // table of line ends (8 bytes a line, 0.6 MB for 77,000 lines) all but disappears. Names are kept (no
  // minifyIdentifiers, no minifySyntax): stack traces, error and class names read as before, only their line
  // and column numbers differ. RDC_BUNDLE_READABLE=1 keeps the layout and esbuild's `// <path>` comments, by
  // which bench/profile.ts tells which module a profiled line came from (docs/performance.md).
  minifyWhitespace: process.env.RDC_BUNDLE_READABLE !== '1',
  logLevel: 'warning',
  write: false,
});
// Pure ASCII, comments and template literals included (which charset: 'ascii' leaves as they are): V8 keeps
// a script's source in memory, two bytes a character as soon as one is not Latin-1 (5.2 MB of idle memory
// for this bundle instead of 2.6). A \u escape means the same character in a string, a template's cooked
// text, a regular expression or an identifier, and nothing in a comment; no template of ours reads `.raw`.
const [bundle] = result.outputFiles;
writeFileSync(bundle.path, bundle.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
