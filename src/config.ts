/**
 * Every setting of rdcontacts: an RDC_* environment variable with a matching `--flag` of `rdcontacts serve`.
 * This table is the one place a setting is declared; `--help`, the README table and validation read it.
 */

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Kind = 'string' | 'int' | 'bool' | 'seconds' | 'list' | 'secret';

interface Setting<K extends string = string> {
  key: K;
  env: string;
  kind: Kind;
  default: string | undefined;
  help: string;
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternHelp?: string;
}

function setting<const K extends string, const T extends Kind, const D extends string | undefined>(
  key: K,
  env: string,
  kind: T,
  def: D,
  help: string,
  extra: Partial<Setting> = {},
): Setting<K> & { kind: T; default: D } {
  return { ...extra, key, env, kind, default: def, help };
}

export const settings = [
  setting('host', 'RDC_HOST', 'string', '127.0.0.1', 'Address to listen on.'),
  setting('tlsCertFile', 'RDC_TLS_CERT_FILE', 'string', undefined, 'PEM certificate (chain) to serve HTTPS with; with RDC_TLS_KEY_FILE. Re-read on SIGHUP without dropping connections.'),
  setting('tlsKeyFile', 'RDC_TLS_KEY_FILE', 'string', undefined, 'PEM private key of RDC_TLS_CERT_FILE.'),
  setting('trustedProxies', 'RDC_TRUSTED_PROXIES', 'list', undefined, 'Reverse proxies (IPv4/IPv6 addresses or CIDR blocks, comma-separated) whose Forwarded / X-Forwarded-For / X-Forwarded-Proto headers are believed; nobody else\'s are.'),
  setting('port', 'RDC_PORT', 'int', '8080', 'TCP port to listen on (0 picks a free one).', { min: 0, max: 65535 }),
  setting('metricsPort', 'RDC_METRICS_PORT', 'int', undefined, 'TCP port of a separate plain-HTTP listener (same host) serving only GET /metrics, unauthenticated; then the main port has no /metrics. Unset: GET /metrics on the main port. 0 picks a free one.', { min: 0, max: 65535 }),
  setting('dataDir', 'RDC_DATA_DIR', 'string', './data', 'Folder for the SQLite file and the generated root credentials.'),
  setting('databaseUrl', 'RDC_DATABASE_URL', 'string', undefined, 'PostgreSQL URL (postgres://user:pass@host:5432/db); when set, used instead of SQLite.', {
    pattern: /^postgres(ql)?:\/\/[^\s]+$/,
    patternHelp: 'a postgres:// or postgresql:// URL',
  }),
  setting('databasePoolSize', 'RDC_DATABASE_POOL_SIZE', 'int', '10', 'PostgreSQL connection pool size per node.', { min: 1, max: 1000 }),
  setting('jobLease', 'RDC_JOB_LEASE', 'seconds', '30', 'Seconds a node holds a background job it runs (renewed while it works); a job of a node that died is taken over by another after this.', { min: 1 }),
  setting('rootAccountId', 'RDC_ROOT_ACCOUNT_ID', 'string', undefined, 'Management account ID (16 digits) of the root tenant; generated on first start when unset.', {
    pattern: /^[1-9]\d{15}$/,
    patternHelp: '16 digits, not starting with 0',
  }),
  setting('rootAccessKeyId', 'RDC_ROOT_ACCESS_KEY_ID', 'string', undefined, 'Root AccessKey ID of that account; generated on first start when unset.', {
    pattern: /^[A-Za-z0-9]{8,64}$/,
    patternHelp: '8-64 letters and digits',
  }),
  setting('rootAccessKeySecret', 'RDC_ROOT_ACCESS_KEY_SECRET', 'secret', undefined, 'Root AccessKey secret; generated on first start when unset.', {
    pattern: /^\S{8,128}$/,
    patternHelp: '8-128 characters without spaces',
  }),
  setting('identitiesFile', 'RDC_IDENTITIES_FILE', 'string', undefined, 'JSON file of further accounts, AccessKeys, RAM users and policies.'),
  setting('logLevel', 'RDC_LOG_LEVEL', 'string', 'info', 'fatal, error, warn, info, debug, trace or silent.', {
    pattern: /^(fatal|error|warn|info|debug|trace|silent)$/,
    patternHelp: 'one of fatal, error, warn, info, debug, trace, silent',
  }),
  setting('logFormat', 'RDC_LOG_FORMAT', 'string', 'json', 'json: one JSON object per line (for a log collector); pretty: one readable line per record (for a terminal).', {
    pattern: /^(json|pretty)$/,
    patternHelp: 'json or pretty',
  }),
  setting('accessLog', 'RDC_ACCESS_LOG', 'bool', 'true', 'One log line per request.'),
  setting('timestampWindow', 'RDC_TIMESTAMP_WINDOW', 'seconds', '900', 'Accepted clock skew of signed requests, in seconds.', { min: 1 }),
  setting('bodyLimit', 'RDC_BODY_LIMIT', 'int', '1048576', 'Largest accepted request body, in bytes.', { min: 1024 }),
  setting('requestTimeout', 'RDC_REQUEST_TIMEOUT', 'seconds', '30', 'Seconds a client has to send a whole request, headers and body (then 408 and the connection is closed).', { min: 1 }),
  setting('headersTimeout', 'RDC_HEADERS_TIMEOUT', 'seconds', '10', "Seconds a client has to send a request's headers (at most the request timeout).", { min: 1 }),
  setting('keepAliveTimeout', 'RDC_KEEP_ALIVE_TIMEOUT', 'seconds', '5', 'Seconds an idle keep-alive connection stays open.', { min: 1 }),
  setting('maxConnections', 'RDC_MAX_CONNECTIONS', 'int', '1000', 'Open client connections at most; further ones are closed at once (keep it below the open-file limit).', { min: 1 }),
  setting('maxCallsInProgress', 'RDC_MAX_CALLS_IN_PROGRESS', 'int', '64', 'Signed API calls worked on at once per node; more wait their turn (src/http/admission.ts).', { min: 1 }),
  setting('maxCallsQueued', 'RDC_MAX_CALLS_QUEUED', 'int', '1024', 'Signed API calls waiting for a turn at most; further ones are answered 503 ServiceUnavailable at once.', { min: 0 }),
  setting('callQueueWaitMs', 'RDC_CALL_QUEUE_WAIT_MS', 'int', '2000', 'Milliseconds a call may wait for its turn; then it is answered 503 ServiceUnavailable without being worked on.', { min: 1 }),
  setting('shutdownTimeout', 'RDC_SHUTDOWN_TIMEOUT', 'seconds', '10', 'Seconds SIGTERM waits for in-flight requests.', { min: 0 }),
  setting('maxContactsPerDirectory', 'RDC_MAX_CONTACTS_PER_DIRECTORY', 'int', '20', 'Contacts per resource directory (LimitExceeded.Contacts); the documented quota is 20.', { min: 1 }),
  setting('maxMembersPerContact', 'RDC_MAX_MEMBERS_PER_CONTACT', 'int', '10', 'Bindings per contact (QuotaExceeded.Members); the documented quota is 10.', { min: 1 }),
  setting('maxAccountsPerDirectory', 'RDC_MAX_ACCOUNTS_PER_DIRECTORY', 'int', '1000', 'Member accounts per directory (LimitExceeded.Account).', { min: 1 }),
  setting('maxFoldersPerDirectory', 'RDC_MAX_FOLDERS_PER_DIRECTORY', 'int', '5000', 'Folders per directory, Root not counted (QuotaExceeded.Folder.Count).', { min: 1 }),
  setting('verificationDailyLimit', 'RDC_VERIFICATION_DAILY_LIMIT', 'int', '100', 'Verification messages per account, channel and UTC day; the documented quota is 100.', { min: 0 }),
  setting('verificationPerMinuteLimit', 'RDC_VERIFICATION_PER_MINUTE_LIMIT', 'int', '10', 'Verification messages to one email address or phone number (per directory) within any 60 seconds; the documented quota is 10.', { min: 0 }),
  setting('phoneCountryCodes', 'RDC_PHONE_COUNTRY_CODES', 'list', '86', 'Accepted phone country codes, comma-separated.'),
  setting('verificationTtl', 'RDC_VERIFICATION_TTL', 'seconds', '86400', 'Seconds a verification link (and SMS code) stays valid.', { min: 1 }),
  setting('publicUrl', 'RDC_PUBLIC_URL', 'string', undefined, "Base URL of the verification links (https://contacts.example.com); default: the server's own http://host:port.", {
    pattern: /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
    patternHelp: 'an http:// or https:// URL without query',
  }),
  setting('smtpUrl', 'RDC_SMTP_URL', 'secret', undefined, 'SMTP server of verification email (smtp://user:pass@host:587 or smtps://user:pass@host:465); unset: email goes to the outbox.', {
    pattern: /^smtps?:\/\/\S+$/,
    patternHelp: 'an smtp:// or smtps:// URL',
  }),
  setting('smtpAllowInsecureAuth', 'RDC_SMTP_ALLOW_INSECURE_AUTH', 'bool', 'false', 'Send the SMTP password over smtp:// without STARTTLS (only for a trusted local relay); by default a server without STARTTLS gets no AUTH and the mail is not sent.'),
  setting('mailFrom', 'RDC_MAIL_FROM', 'string', 'rdcontacts <no-reply@localhost>', 'From address of verification email.'),
  setting('templatesDir', 'RDC_TEMPLATES_DIR', 'string', undefined, 'Folder of message templates replacing the shipped ones (email.subject.txt, email.text.txt, email.html, sms.text.txt; message.subject.txt, message.text.txt, message.html, message-sms.text.txt).'),
  setting('smsProvider', 'RDC_SMS_PROVIDER', 'string', 'outbox', 'How verification SMS leave: outbox, webhook or aliyun.', {
    pattern: /^(outbox|webhook|aliyun)$/,
    patternHelp: 'one of outbox, webhook, aliyun',
  }),
  setting('smsWebhookUrl', 'RDC_SMS_WEBHOOK_URL', 'string', undefined, 'URL the webhook SMS provider POSTs {To, Text, Code, Link} to.', {
    pattern: /^https?:\/\/\S+$/,
    patternHelp: 'an http:// or https:// URL',
  }),
  setting('smsWebhookSecret', 'RDC_SMS_WEBHOOK_SECRET', 'secret', undefined, 'Key of the X-Rdc-Signature HMAC-SHA256 header of webhook SMS.', {
    pattern: /^\S{16,}$/,
    patternHelp: 'at least 16 characters without spaces',
  }),
  setting('smsAliyunAccessKeyId', 'RDC_SMS_ALIYUN_ACCESS_KEY_ID', 'string', undefined, 'AccessKey ID for Alibaba Cloud SMS (SendSms).'),
  setting('smsAliyunAccessKeySecret', 'RDC_SMS_ALIYUN_ACCESS_KEY_SECRET', 'secret', undefined, 'Its AccessKey secret.'),
  setting('smsAliyunSignName', 'RDC_SMS_ALIYUN_SIGN_NAME', 'string', undefined, 'SMS sign name (SignName) approved in Alibaba Cloud SMS.'),
  setting('smsAliyunTemplateCode', 'RDC_SMS_ALIYUN_TEMPLATE_CODE', 'string', undefined, 'SMS template code (TemplateCode, SMS_…) with a ${code} variable.'),
  setting('smsAliyunTemplateParam', 'RDC_SMS_ALIYUN_TEMPLATE_PARAM', 'string', '{"code":"{{code}}"}', 'TemplateParam of SendSms: JSON where {{code}} and {{link}} are replaced.'),
  setting('smsAliyunEndpoint', 'RDC_SMS_ALIYUN_ENDPOINT', 'string', 'https://dysmsapi.aliyuncs.com', 'Alibaba Cloud SMS endpoint.', {
    pattern: /^https?:\/\/[^\s/?#]+\/?$/,
    patternHelp: 'an http:// or https:// URL without a path',
  }),
  setting('outbox', 'RDC_OUTBOX', 'string', 'auto', 'GET /_rdc/outbox (captured messages, no signature): auto serves it only while listening on loopback and no channel has real delivery; true always (with a warning); false never, and captured messages are kept without their link and code. A channel with real delivery never shows there.', {
    pattern: /^(auto|true|false)$/,
    patternHelp: 'one of auto, true, false',
  }),
  setting('console', 'RDC_CONSOLE', 'bool', 'true', 'Serve the web console at /console (false: no console route at all).'),
  setting('consoleSessionTtl', 'RDC_CONSOLE_SESSION_TTL', 'seconds', '28800', 'Seconds a console sign-in lasts.', { min: 1 }),
  setting('consoleSignInLimit', 'RDC_CONSOLE_SIGN_IN_LIMIT', 'int', '10', 'Failed console sign-ins a source address may make in 15 minutes before it must wait.', { min: 1 }),
  setting('housekeepingInterval', 'RDC_HOUSEKEEPING_INTERVAL', 'seconds', '600', 'Seconds between two housekeeping passes (each node runs them), which remove what is past its retention.', { min: 1 }),
  setting('jobRetention', 'RDC_JOB_RETENTION', 'seconds', '86400', 'Seconds a finished background job is kept.', { min: 0 }),
  setting('outboxRetention', 'RDC_OUTBOX_RETENTION', 'seconds', '604800', 'Seconds a verification message (captured, sent or failed) is kept, and a verification link after it expires.', { min: 0 }),
  setting('auditRetention', 'RDC_AUDIT_RETENTION', 'seconds', '7776000', 'Seconds an event of the audit trail is kept (default 90 days); housekeeping removes older ones.', { min: 0 }),
  setting('auditLogFile', 'RDC_AUDIT_LOG_FILE', 'string', undefined, 'File the audit trail is also appended to, one JSON event per line (created 0600). Unset: events are only stored.'),
  setting('messageDailyLimit', 'RDC_MESSAGE_DAILY_LIMIT', 'int', '100', 'Published notices per recipient (email address or phone number), channel and UTC day; the excess is recorded Suppressed.', { min: 0 }),
  setting('messageRetention', 'RDC_MESSAGE_RETENTION', 'seconds', '2592000', 'Seconds a published notice and its delivery log are kept.', { min: 0 }),
  setting('webhookTimeout', 'RDC_WEBHOOK_TIMEOUT', 'seconds', '10', 'Seconds a message webhook has to answer before the send counts as failed (and is retried).', { min: 1 }),
  setting('contactDeletionDelay', 'RDC_CONTACT_DELETION_DELAY', 'seconds', '0', 'Seconds a contact deleted with RetainContactInMembers=false stays Deleting before the job removes it (to exercise clients that poll).', { min: 0 }),
  setting('accountDeletionDelay', 'RDC_ACCOUNT_DELETION_DELAY', 'seconds', '0', 'Seconds each step of a member account deletion (Checking, then Deleting) and a deletion pre-check (PreChecking) lasts (to exercise clients that poll).', { min: 0 }),
  setting('answerRecord', 'RDC_ANSWER_RECORD', 'string', undefined, 'Folder where the server appends one JSON line per API answer (action, version, parameters carried, status, code); npm test builds docs/compatibility.md from it. Unset: nothing is recorded.'),
] as const;

type SettingKey = (typeof settings)[number]['key'];
type KindOf<K extends SettingKey> = Extract<(typeof settings)[number], { key: K }>['kind'];
type ValueOf<T extends Kind> = T extends 'int' | 'seconds' ? number : T extends 'bool' ? boolean : T extends 'list' ? string[] : string;
type DefaultOf<K extends SettingKey> = Extract<(typeof settings)[number], { key: K }>['default'];

export type Config = {
  readonly [K in SettingKey]: DefaultOf<K> extends string ? ValueOf<KindOf<K>> : ValueOf<KindOf<K>> | undefined;
};

export function flagOf(s: Setting): string {
  return '--' + s.env.slice('RDC_'.length).toLowerCase().replace(/_/g, '-');
}

/** Builds the config from flags (`--port 9000` or `--port=9000`), then the environment, then defaults. */
export function loadConfig(env: NodeJS.ProcessEnv, argv: string[] = []): Config {
  const flags = parseFlags(argv);
  const out: Record<string, unknown> = {};
  for (const s of settings as readonly Setting[]) {
    const raw = flags.get(flagOf(s)) ?? env[s.env] ?? s.default;
    out[s.key] = raw === undefined || raw === '' ? (s.default === undefined ? undefined : parseValue(s, s.default)) : parseValue(s, raw);
  }
  return out as Config;
}

function parseFlags(argv: string[]): Map<string, string> {
  const known = new Set((settings as readonly Setting[]).map(flagOf));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}" (see --help)`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!known.has(name)) throw new ConfigError(`unknown option ${name} (see --help)`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new ConfigError(`option ${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

function parseValue(s: Setting, raw: string): unknown {
  const where = `${s.env} (${flagOf(s)})`;
  switch (s.kind) {
    case 'int':
    case 'seconds': {
      if (!/^\d+$/.test(raw)) throw new ConfigError(`${where} must be a whole number, got "${raw}"`);
      const n = Number(raw);
      if (s.min !== undefined && n < s.min) throw new ConfigError(`${where} must be at least ${s.min}, got ${n}`);
      if (s.max !== undefined && n > s.max) throw new ConfigError(`${where} must be at most ${s.max}, got ${n}`);
      return n;
    }
    case 'bool':
      if (/^(true|1|yes|on)$/i.test(raw)) return true;
      if (/^(false|0|no|off)$/i.test(raw)) return false;
      throw new ConfigError(`${where} must be true or false, got "${raw}"`);
    case 'list':
      return raw.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
    default:
      if (s.pattern && !s.pattern.test(raw)) {
        const shown = s.kind === 'secret' ? '(hidden)' : `"${redactSecrets(raw)}"`;
        throw new ConfigError(`${where} must be ${s.patternHelp}, got ${shown}`);
      }
      return raw;
  }
}

/**
 * Hides the passwords a text may carry in URLs: the password of `scheme://user:password@`, and the value of
 * a `password=` (or `pass=`, `secret=`) parameter. For every line that may show a setting's value.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@]*@/gi, '$1***@')
    .replace(/([?&;\s](?:password|pass|secret)=)[^&\s]*/gi, '$1***');
}

/** The `--help` text: every setting with its variable, flag and default. */
export function settingsHelp(): string {
  return (settings as readonly Setting[])
    .map((s) => `  ${flagOf(s).padEnd(34)} ${s.env.padEnd(32)} ${s.help}${s.default !== undefined ? ` [default: ${s.default}]` : ''}`)
    .join('\n');
}
