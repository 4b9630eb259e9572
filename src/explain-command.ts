import { isIP } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { explain } from './auth/explain.js';
import { knownRootCredentials } from './auth/root-credentials.js';
import { readIdentitiesAtStart, rootAccessKey } from './auth/server-keys.js';
import { ramActions } from './operations/registry.js';

/**
 * `rdcontacts policy explain`: its own options (--key, --action, --resource (once per resource the action is
 * decided on), --source-ip, --secure), then the serve settings, for the identities file and the root key.
 * Prints the decision; exit status 0 allowed, 2 denied.
 */
export function policyExplain(argv: string[]): void {
  const own = new Map<string, string>();
  const resources: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--secure') own.set('secure', inline ?? 'true');
    else if (name === '--key' || name === '--action' || name === '--resource' || name === '--source-ip') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`option ${name} needs a value`);
      if (name === '--resource') resources.push(value);
      else own.set(name.slice(2), value);
    } else rest.push(arg);
  }
  for (const name of ['key', 'action']) if (!own.has(name)) throw new ConfigError(`policy explain needs --${name} (see --help)`);
  if (resources.length === 0) throw new ConfigError('policy explain needs --resource (see --help)');
  if (own.has('source-ip') && isIP(own.get('source-ip')!) === 0) throw new ConfigError(`--source-ip must be an IPv4 or IPv6 address, got "${own.get('source-ip')}"`);
  const config = loadConfig(process.env, rest);
  const root = knownRootCredentials(config);
  const rootKey = root && rootAccessKey(root);
  const keys = config.identitiesFile === undefined ? (rootKey ? [rootKey] : []) : readIdentitiesAtStart(config.identitiesFile, rootKey);
  const result = explain(
    keys,
    {
      accessKeyId: own.get('key')!,
      action: own.get('action')!,
      resources,
      sourceIp: own.get('source-ip') ?? '127.0.0.1',
      secureTransport: /^(true|1|yes|on)$/i.test(own.get('secure') ?? 'false'),
    },
    ramActions(),
  );
  if (!result) throw new ConfigError(`no AccessKey ${own.get('key')} in the root credentials or the identities file`);
  process.stdout.write(result.text);
  process.exitCode = result.allowed ? 0 : 2;
}
