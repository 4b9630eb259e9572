import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { DocumentError } from './auth/document.js';
import { explain } from './auth/explain.js';
import type { AccessKey } from './auth/keys.js';
import { parseSessionPolicy, ROLE_ARN, sessionKey } from './auth/role-sessions.js';
import { knownRootCredentials } from './auth/root-credentials.js';
import { readIdentitiesAtStart, rootAccessKey } from './auth/server-keys.js';

const OWN_OPTIONS = ['--key', '--role', '--session-name', '--session-policy', '--action', '--resource', '--source-ip'];

/**
 * `rdcontacts policy explain`: its own options (--key, or --role with --session-policy and --session-name;
 * --action, --resource, --source-ip, --secure), then the serve settings, for the identities file and the root
 * key. Prints the decision; exit status 0 allowed, 2 denied.
 */
export function policyExplain(argv: string[]): void {
  const own = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--secure') own.set('secure', inline ?? 'true');
    else if (OWN_OPTIONS.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`option ${name} needs a value`);
      own.set(name.slice(2), value);
    } else rest.push(arg);
  }
  if (own.has('key') === own.has('role')) throw new ConfigError('policy explain needs --key or --role (see --help)');
  for (const name of ['action', 'resource']) if (!own.has(name)) throw new ConfigError(`policy explain needs --${name} (see --help)`);
  if (own.has('source-ip') && isIP(own.get('source-ip')!) === 0) throw new ConfigError(`--source-ip must be an IPv4 or IPv6 address, got "${own.get('source-ip')}"`);
  const config = loadConfig(process.env, rest);
  const root = knownRootCredentials(config);
  const rootKey = root && rootAccessKey(root);
  const identities = config.identitiesFile === undefined ? { keys: rootKey ? [rootKey] : [], roles: [] } : readIdentitiesAtStart(config.identitiesFile, rootKey);
  let key: AccessKey | undefined;
  if (own.has('key')) {
    key = identities.keys.find((k) => k.id === own.get('key'));
    if (!key) throw new ConfigError(`no AccessKey ${own.get('key')} in the root credentials or the identities file`);
  } else {
    const m = ROLE_ARN.exec(own.get('role')!);
    if (!m) throw new ConfigError(`--role must be a role ARN, acs:ram::<account>:role/<name>, got "${own.get('role')}"`);
    const role = identities.roles.find((r) => r.accountId === m[1] && r.name.toLowerCase() === m[2]!.toLowerCase());
    if (!role) throw new ConfigError(`no role ${m[2]} of account ${m[1]} in the identities file`);
    const policy = own.has('session-policy') ? sessionPolicyOf(own.get('session-policy')!) : undefined;
    key = sessionKey(role.accountId, role.name, own.get('session-name') ?? 'explain', role, policy, { id: '(a session of the role)', secret: '' });
  }
  const result = explain(key, {
    action: own.get('action')!,
    resource: own.get('resource')!,
    sourceIp: own.get('source-ip') ?? '127.0.0.1',
    secureTransport: /^(true|1|yes|on)$/i.test(own.get('secure') ?? 'false'),
  });
  process.stdout.write(result.text);
  process.exitCode = result.allowed ? 0 : 2;
}

/** `--session-policy`: the policy JSON itself, or `@file` to read it from a file. */
function sessionPolicyOf(value: string): ReturnType<typeof parseSessionPolicy> {
  let text = value;
  try {
    if (value.startsWith('@')) text = readFileSync(value.slice(1), 'utf8');
    return parseSessionPolicy(text);
  } catch (err) {
    const reason = err instanceof DocumentError || err instanceof SyntaxError ? err.message : ((err as NodeJS.ErrnoException).code ?? String(err));
    throw new ConfigError(`--session-policy is not a usable policy: ${reason}`);
  }
}
