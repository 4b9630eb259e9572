/**
 * Where the time goes: summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`) as categories of work
 * and the functions with the most self time. Lines of the bundle (dist/rdcontacts.mjs) are attributed to the
 * module esbuild placed there (its `// path` comments). Given the server's CPU per request (from the bench's
 * /proc figures: process CPU share ÷ req/s), each share is also shown in µs per request.
 *
 *   node --import tsx bench/profile.ts <file.cpuprofile> [--us-per-request N] [--top N] [--bundle <file>]
 *
 * --bundle: the dist/rdcontacts.mjs the profile was taken of, when dist/ has been rebuilt since.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The module each line of a bundle came from, from esbuild's `// <path>` comment lines. */
function bundleModules(url: string): ((line: number) => string) | undefined {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (!file.endsWith('.mjs') || !existsSync(file)) return undefined;
  const starts: Array<[number, string]> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (/^\/\/ \S+\.(c|m)?js$/.test(text)) starts.push([i, text.slice(3)]);
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]![0] <= line) {
        found = starts[mid]![1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/**
 * The category of a frame, as the per-request table of docs/performance.md names them. Native code called
 * from JavaScript (SQLite's statements, HMAC, writev) shows as the self time of its JavaScript caller.
 */
function category(module: string, name: string): string {
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
  if (/^node:internal\/(modules|deps\/cjs-module-lexer|bootstrap)/.test(module) || name === '__require' || name === '__require2') return STARTUP;
  // better-sqlite3 runs a statement inside Kysely's executeQuery: that self time is SQLite's.
  if (name === 'executeQuery' && /kysely\/.*dialect\/sqlite/.test(module)) return 'SQLite (driver and statements)';
  if (/node_modules\/kysely\//.test(module)) return 'Kysely (build, compile, run)';
  if (/dist\/store\/sqlite\/|better-sqlite3/.test(module)) return 'SQLite (driver and statements)';
  if (/dist\/store\/postgres\/|node_modules\/pg/.test(module)) return 'PostgreSQL driver';
  if (/dist\/store\//.test(module)) return 'repositories (rows to records)';
  if (/dist\/(auth|protocol\/signature|protocol\/v3)/.test(module) || /^node:internal\/crypto/.test(module)) return 'authentication (V3, HMAC, nonce)';
  if (/node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format)/.test(module)) return 'access log (pino)';
  if (/node_modules\/(fastify|@fastify|avvio|light-my-request|find-my-way|fast-json-stringify|secure-json-parse)/.test(module)) return 'Fastify';
  if (/^node:(_http|net|stream|internal\/streams|internal\/stream_base|events|buffer|internal\/http)/.test(module) || name === 'writev' || name === 'writeString') return 'node:http (receive, send)';
  if (/^node:internal\/process\/task_queues/.test(module) || name === 'runMicrotasks') return 'promises and ticks';
  if (/dist\//.test(module)) return `src/${/dist\/([^/]+)/.exec(module)![1]!.replace(/\.js$/, '')}`;
  if (/node_modules\//.test(module)) return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)![1]!;
  return module || '(native)';
}

/** Loading and compiling modules: start-up, not requests; left out like idle time. */
const STARTUP = '(start-up: loading modules)';

export function summarise(profile: Profile, usPerRequest: number | undefined, top = 30, bundle?: string): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const modulesOf = new Map<string, ((line: number) => string) | undefined>();
  const byFunction = new Map<string, number>();
  const byCategory = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    if (!modulesOf.has(frame.url)) modulesOf.set(frame.url, bundleModules(bundle && frame.url.endsWith('/rdcontacts.mjs') ? bundle : frame.url));
    const module = modulesOf.get(frame.url)?.(frame.lineNumber) || frame.url;
    const cat = category(module, frame.functionName);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + ms);
    if (cat === '(idle)' || cat === STARTUP) continue;
    busy += ms;
    const key = `${frame.functionName || '(anonymous)'} ${module.replace(/^.*node_modules\//, '').replace(/^.*\/?dist\//, 'src/')}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  byCategory.delete('(idle)');
  byCategory.delete(STARTUP);
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `| ${k} | ${((100 * ms) / busy).toFixed(1)} % |${usPerRequest === undefined ? '' : ` ${((usPerRequest * ms) / busy).toFixed(1)} |`}`)
      .join('\n');
  const head = (what: string) => `| ${what} | share of busy time |${usPerRequest === undefined ? '' : ' µs per request |'}\n|---|---|${usPerRequest === undefined ? '' : '---|'}`;
  return `busy ${busy.toFixed(0)} ms sampled (idle and start-up left out)\n\n${head('category')}\n${rows(byCategory, 25)}\n\n${head('function (self time)')}\n${rows(byFunction, top)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'us-per-request': { type: 'string' }, top: { type: 'string', default: '30' }, bundle: { type: 'string' } } });
  const file = positionals[0];
  if (!file) throw new Error('usage: bench/profile.ts <file.cpuprofile> [--us-per-request N] [--top N] [--bundle dist/rdcontacts.mjs of the profiled build]');
  const us = values['us-per-request'] === undefined ? undefined : Number(values['us-per-request']);
  process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, us, Number(values.top), values.bundle));
}
