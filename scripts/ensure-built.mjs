// Rebuilds the bundle (`npm run build`) only when it is missing or older than what it is built from:
// `npm start` then serves at once, and a checkout whose sources changed still serves them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(root, 'dist', 'rdcontacts.mjs');
/** What the bundle is made of: the sources, the build settings and the locked dependencies. */
const INPUTS = ['src', 'scripts/bundle.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

// Paths joined by hand: path.join normalises each one, and over the ~250 files of src/ that made it hot
// enough for V8 to optimise it at every start, paging in the optimising compiler's code (~5 MB of idle RSS).
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(path + sep + name)), stat.mtimeMs);
}

const inputs = INPUTS.map((p) => join(root, p)).filter(existsSync);
const stale = !existsSync(BUNDLE) || inputs.some((p) => newestMtime(p) > statSync(BUNDLE).mtimeMs);
if (stale) {
  process.stderr.write('rdcontacts: the sources are newer than dist/rdcontacts.mjs; rebuilding (npm run build)\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
