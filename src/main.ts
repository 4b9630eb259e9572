import { ConfigError, loadConfig, settingsHelp } from './config.js';
import type { RootCredentials } from './auth/root-credentials.js';

const USAGE = `rdcontacts: Alibaba Cloud Resource Directory message contacts (ResourceDirectoryMaster 2022-04-19), self-hosted.

Usage:
  rdcontacts serve [options]   start the service (SQLite under ./data unless RDC_DATABASE_URL is set)
  rdcontacts policy explain --key <AccessKeyId> --action <Action> --resource <arn> [--source-ip <ip>] [--secure] [options]
                               whether that key may do that action on that resource, and which policy
                               statement decided (reads the same settings and identities file as serve;
                               source IP 127.0.0.1 and plain HTTP unless given); --resource once per resource
                               the action is decided on (MoveAccount: the account, then the folder); an
                               Inactive key is denied; exit status 0 allowed, 2 denied, 1 bad input
  rdcontacts --help            this text

Every option is also an environment variable:
${settingsHelp()}
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help')) {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'policy' && rest[0] === 'explain') return (await import('./explain-command.js')).policyExplain(rest.slice(1));
  if (command !== 'serve') throw new ConfigError(`unknown command "${command}" (try rdcontacts --help)`);
  const config = loadConfig(process.env, rest);
  // The server's modules load only once the configuration is good: --help and a bad setting answer at once.
  const { start } = await import('./runtime.js');
  const running = await start(config);
  const delivery = { email: config.smtpUrl !== undefined ? 'smtp' : 'outbox', sms: config.smsProvider };
  running.log.info({ url: running.url, store: running.store.dialect, delivery }, 'rdcontacts is serving');
  if (running.generatedRoot) process.stdout.write(credentialsBanner(running.url, running.root, config.rootAccessKeySecret !== undefined));
  const stop = (signal: string) => {
    running.log.info({ signal }, 'shutting down');
    running.close().then(
      () => {
        running.log.info({ signal }, 'stopped: in-flight requests finished, store closed');
        process.exit(0);
      },
      (err) => {
        running.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** The generated credentials and a client snippet; a secret set in the configuration is never printed. */
function credentialsBanner(url: string, root: RootCredentials, secretConfigured: boolean): string {
  const hostPort = url.replace(/^https?:\/\//, '');
  const secret = secretConfigured ? '<RDC_ROOT_ACCESS_KEY_SECRET>' : root.accessKeySecret;
  return `
rdcontacts generated the root credentials of management account ${root.accountId}
and keeps them in the data folder (root-credentials.json). They are printed only this once.

  AccessKey ID:     ${root.accessKeyId}
  AccessKey secret: ${secret}

Point an official client at this server:

  // CommonJS; in an ES module, import the package's default export and read .default, .$OpenApiUtil from it
  const { default: OpenApi, $OpenApiUtil } = require('@alicloud/openapi-core');
  const client = new OpenApi(new $OpenApiUtil.Config({
    accessKeyId: '${root.accessKeyId}',
    accessKeySecret: '${secret}',
    endpoint: '${hostPort}', protocol: '${url.startsWith('https:') ? 'https' : 'http'}',
  }));

  aliyun resourcedirectorymaster GetResourceDirectory --endpoint ${hostPort} \\
    --access-key-id ${root.accessKeyId} --access-key-secret '${secret}'

`;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`rdcontacts: ${err.message}\n`);
  } else {
    process.stderr.write(`rdcontacts: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
