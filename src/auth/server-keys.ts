import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.js';
import { DocumentError } from './document.js';
import { loadIdentities, type Identities } from './identities.js';
import { IdentitiesWatcher } from './identities-watcher.js';
import { KeyRing, type AccessKey } from './keys.js';
import type { RootCredentials } from './root-credentials.js';

/**
 * The server's AccessKeys: the configured root key and, with RDC_IDENTITIES_FILE, the file's keys, with a
 * watcher (not yet started) that keeps them in step with the file. A file that does not load stops the start.
 */
export function openServerKeys(config: Config, root: RootCredentials, log: Logger): { keys: KeyRing; watcher: IdentitiesWatcher | undefined } {
  const rootKey = rootAccessKey(root);
  if (config.identitiesFile === undefined) return { keys: new KeyRing([rootKey]), watcher: undefined };
  const identities = readIdentitiesAtStart(config.identitiesFile, rootKey);
  const keys = new KeyRing(identities.keys, identities.roles);
  log.info({ file: config.identitiesFile, accessKeys: identities.keys.length, roles: identities.roles.length }, 'identities loaded');
  return { keys, watcher: new IdentitiesWatcher(config.identitiesFile, rootKey, keys, log) };
}

export function rootAccessKey(root: RootCredentials): AccessKey {
  return { id: root.accessKeyId, secret: root.accessKeySecret, status: 'Active', principal: { accountId: root.accountId, type: 'Root', name: root.accountId }, policies: [] };
}

/** The root key (when known) and every key and role of the identities file, or a ConfigError saying what is wrong. */
export function readIdentitiesAtStart(file: string, root: AccessKey | undefined): Identities {
  try {
    return loadIdentities(file, root);
  } catch (err) {
    if (err instanceof DocumentError) throw new ConfigError(`identities file ${file} (RDC_IDENTITIES_FILE): ${err.message}`);
    throw err;
  }
}
