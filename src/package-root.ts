import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder rdcontacts is installed in: the first folder above this module with a package.json, whether it
 * runs from src/ (tsx), dist/ (tsc) or the bundle, in a checkout or a global install. The shipped templates
 * and package.json (the version) are found from it.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(dir: string): string {
  if (existsSync(join(dir, 'package.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error('rdcontacts: no package.json above its own modules');
  return findPackageRoot(parent);
}

/** The version in package.json (`rdcontacts --version`). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
