import { ConfigError, loadConfig, redactSecrets, settingsHelp } from './config.js';
import type { RootCredentials } from './auth/root-credentials.js';
import { packageVersion } from './package-root.js';
import { startupSummary } from './startup-summary.js';
import { returnStartupMemory } from './startup-memory.js';

const HELP = {
  rdcontacts: `rdcontacts: Alibaba Cloud Resource Directory message contacts (ResourceDirectoryMaster 2022-04-19), self-hosted.

Usage:
  rdcontacts serve [options]     start the service (SQLite under ./data unless RDC_DATABASE_URL is set)
  rdcontacts policy explain ...  whether an AccessKey may do an action on a resource, and which policy statement decided
  rdcontacts --version           the version of rdcontacts
  rdcontacts <command> --help    the options of a command (rdcontacts serve --help lists every setting)
`,
  serve: () => `Usage: rdcontacts serve [options]

Starts the service: SQLite under ./data unless RDC_DATABASE_URL is set. Every option is also an
environment variable (--port 9000 or RDC_PORT=9000; an option wins over the variable):
${settingsHelp()}
`,
  policy: `Usage: rdcontacts policy explain --key <AccessKeyId> --action <Action> --resource <arn> [--source-ip <ip>] [--secure] [serve options]
       rdcontacts policy explain --role <acs:ram::<account>:role/<name>> [--session-policy <json>|@<file>]
                                 [--session-name <name>] --action <Action> --resource <arn> [...]

Whether that AccessKey (or a session of that RAM role: its policies, narrowed by the session policy
AssumeRole was given) may do that action on that resource, and which policy statement decided: the
decision the server takes (an Inactive key is denied). It reads the root credentials and the identities
file as serve does (--data-dir, --identities-file, RDC_ROOT_*: see rdcontacts serve --help). Exit status
0 allowed, 2 denied, 1 bad input (an unknown action, a malformed ARN, the wrong number of --resource).

  --key <AccessKeyId>     the AccessKey that signs the call
  --role <arn>            instead of --key: a session of this RAM role (acs:ram::<account>:role/<name>)
  --session-policy <json> with --role: the session policy AssumeRole was given (or @<file>)
  --session-name <name>   with --role: the session's name [default: explain]
  --action <Action>       the API action (GetMessageContact), or <service>:<Action> (rdcontacts:ListOutboxMessages)
  --resource <arn>        the resource the call is about (acs:resourcemanager::<account>:messagecontact/<id>);
                          once per resource the action is decided on (MoveAccount: the account, then the folder)
  --source-ip <ip>        the caller's address, for acs:SourceIp conditions [default: 127.0.0.1]
  --secure                the call came over HTTPS, for acs:SecureTransport conditions [default: plain HTTP]
`,
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') return void process.stdout.write(`${packageVersion()}\n`);
  const topic = command === 'help' ? rest[0] : command;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(topic === 'serve' ? HELP.serve() : topic === 'policy' ? HELP.policy : HELP.rdcontacts);
    return;
  }
  if (command === 'policy' && rest[0] === 'explain') return (await import('./explain-command.js')).policyExplain(rest.slice(1));
  if (command === 'policy') throw new ConfigError(`policy needs a subcommand: rdcontacts policy explain (see rdcontacts policy --help)`);
  if (command !== 'serve') throw new ConfigError(`unknown command "${command}" (try rdcontacts --help)`);
  const config = loadConfig(process.env, rest);
  // The server's modules load only once the configuration is good: --help and a bad setting answer at once.
  const [{ start }, { flushLog }] = await Promise.all([import('./runtime.js'), import('./logger.js')]);
  const running = await start(config);
  // The handlers are in place before the line that says it serves: a supervisor may signal as soon as it reads it.
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
  const delivery = { email: config.smtpUrl !== undefined ? 'smtp' : 'outbox', sms: config.smsProvider };
  for (const line of startupSummary(config, running)) running.log.info(line.fields, line.msg);
  running.log.info({ url: running.url, store: running.store.dialect, delivery }, 'rdcontacts is serving');
  // At once, not with the next lines: a supervisor waits for this one, and the banner comes after it.
  flushLog(running.log);
  if (running.generatedRoot) process.stdout.write(credentialsBanner(running.url, running.root, config.rootAccessKeySecret !== undefined));
  returnStartupMemory();
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
    process.stderr.write(`rdcontacts: ${redactSecrets(err.message)}\n`);
  } else {
    process.stderr.write(`rdcontacts: failed to start: ${redactSecrets((err as Error)?.stack ?? String(err))}\n`);
  }
  process.exit(1);
});
