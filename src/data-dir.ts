import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError } from './config.js';

/**
 * Creates the data folder one level at a time: a recursive mkdir reports a read-only file system as ENOENT,
 * and spins forever on a folder that refuses new entries that way (/proc).
 */
export function prepareDataDir(dir: string): void {
  const fail = (reason: string) => new ConfigError(`cannot use the data folder ${dir} (RDC_DATA_DIR): ${reason}`);
  const missing: string[] = [];
  for (let path = resolve(dir); !existsSync(path); path = dirname(path)) missing.unshift(path);
  for (const path of missing) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw fail(`cannot create ${path}: ${reasonOf(code, dirname(path))}`);
    }
  }
  try {
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (err) {
    throw fail(reasonOf((err as NodeJS.ErrnoException).code, dir));
  }
}

/**
 * The data folder holds the SQLite database and the root secret: only its owner may enter it. A folder made
 * by an older version (0755) is narrowed when it is ours; one of another user is only warned about.
 */
export function narrowDataDir(dir: string, log: Logger): void {
  if (!existsSync(dir)) return;
  const { mode, uid } = statSync(dir);
  if ((mode & 0o077) === 0) return;
  if (uid === process.getuid?.()) chmodSync(dir, mode & 0o700);
  else log.warn({ dataDir: dir, mode: (mode & 0o777).toString(8) }, 'the data folder is open to other users and not ours to narrow: make it 0700');
}

/** A file system error code in words, with the code for a search. */
function reasonOf(code: string | undefined, where: string): string {
  switch (code) {
    case 'EROFS':
      return `${where} is on a read-only file system (EROFS)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied in ${where} (${code})`;
    case 'ENOTDIR':
      return `${where} is not a folder (ENOTDIR)`;
    case 'ENOENT':
      return `${where} does not accept new folders (ENOENT)`;
    default:
      return code ?? 'unknown error';
  }
}
