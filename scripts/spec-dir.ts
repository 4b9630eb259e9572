/**
 * Where the shared contract folder (`shared/spec`) is. CI keeps `shared/` beside the repository
 * (`../shared`); a git worktree one level deeper finds it one folder further up. Read by the tests and by
 * scripts/gen-catalog.ts, never by the server.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The first `shared/spec` above the repository that holds `marker`; else an error naming every place tried. */
export function findSpecDir(marker: string): string {
  const tried: string[] = [];
  for (let dir = dirname(REPO_ROOT); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'spec');
    tried.push(candidate);
    if (existsSync(join(candidate, marker))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`the shared contract folder is missing: no shared/spec/${marker} in ${tried.join(', ')} (CI keeps it at ../shared beside the repository)`);
}
