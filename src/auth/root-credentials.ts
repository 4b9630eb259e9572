import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { base62, newId } from '../ids.js';

export interface RootCredentials {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export const ROOT_CREDENTIALS_FILE = 'root-credentials.json';

const ROOT_SETTINGS = { accountId: 'RDC_ROOT_ACCOUNT_ID', accessKeyId: 'RDC_ROOT_ACCESS_KEY_ID', accessKeySecret: 'RDC_ROOT_ACCESS_KEY_SECRET' } as const;

/**
 * The root tenant's management account and AccessKey: from the configuration when given, otherwise from
 * the data folder, otherwise generated once and kept there (mode 0600). `generated` is true only on the
 * start that created the AccessKey ID or secret, so they are printed once. Nothing is written until `persist()`
 * is called, once the server serves: a start that fails (a broken identities file, a port in use) keeps
 * nothing, so the start that succeeds is the one that prints what it generated.
 */
export function resolveRootCredentials(config: Config): { credentials: RootCredentials; generated: boolean; replaced: string[]; persist(): void } {
  const file = join(config.dataDir, ROOT_CREDENTIALS_FILE);
  const saved = readSaved(file);
  const fromConfig = configured(config);
  const credentials: RootCredentials = {
    accountId: fromConfig.accountId ?? saved.accountId ?? newId.account(),
    accessKeyId: fromConfig.accessKeyId ?? saved.accessKeyId ?? 'LTAI' + base62(20),
    accessKeySecret: fromConfig.accessKeySecret ?? saved.accessKeySecret ?? randomBytes(24).toString('base64url'),
  };
  const needsSaving =
    (fromConfig.accountId === undefined && saved.accountId === undefined) ||
    (fromConfig.accessKeyId === undefined && saved.accessKeyId === undefined) ||
    (fromConfig.accessKeySecret === undefined && saved.accessKeySecret === undefined);
  const persist = () => {
    if (!needsSaving) return;
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const toSave = { ...saved };
    if (fromConfig.accountId === undefined) toSave.accountId = credentials.accountId;
    if (fromConfig.accessKeyId === undefined) toSave.accessKeyId = credentials.accessKeyId;
    if (fromConfig.accessKeySecret === undefined) toSave.accessKeySecret = credentials.accessKeySecret;
    writeFileSync(file, JSON.stringify(toSave, null, 2) + '\n', { mode: 0o600 });
  };
  // Only an AccessKey nobody has seen yet is announced: a generated ID or secret, never a configured one alone.
  const generated =
    (fromConfig.accessKeyId === undefined && saved.accessKeyId === undefined) ||
    (fromConfig.accessKeySecret === undefined && saved.accessKeySecret === undefined);
  // A setting that differs from what an earlier start generated and kept: the kept value no longer counts.
  const replaced = (['accountId', 'accessKeyId', 'accessKeySecret'] as const)
    .filter((field) => fromConfig[field] !== undefined && saved[field] !== undefined && fromConfig[field] !== saved[field])
    .map((field) => ROOT_SETTINGS[field]);
  return { credentials, generated, replaced, persist };
}

/** The root credentials as configured or saved, without generating any: undefined when some part is unknown. */
export function knownRootCredentials(config: Config): RootCredentials | undefined {
  const saved = readSaved(join(config.dataDir, ROOT_CREDENTIALS_FILE));
  const fromConfig = configured(config);
  const accountId = fromConfig.accountId ?? saved.accountId;
  const accessKeyId = fromConfig.accessKeyId ?? saved.accessKeyId;
  const accessKeySecret = fromConfig.accessKeySecret ?? saved.accessKeySecret;
  return accountId && accessKeyId && accessKeySecret ? { accountId, accessKeyId, accessKeySecret } : undefined;
}

function configured(config: Config): Partial<RootCredentials> {
  return { accountId: config.rootAccountId, accessKeyId: config.rootAccessKeyId, accessKeySecret: config.rootAccessKeySecret };
}

function readSaved(file: string): Partial<RootCredentials> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<RootCredentials>;
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON (${(err as Error).message}); fix or remove it`);
  }
}
