import type { Config } from './config.js';
import { isLoopbackHost, outboxExposure } from './web/outbox-exposure.js';
import { sqliteLibrary } from './store/sqlite/library.js';

/** One start-up line of a subsystem: what is on and off, for the log (`msg`) and as fields. */
export interface SummaryLine {
  fields: Record<string, unknown>;
  msg: string;
}

/**
 * What this start runs, one line per subsystem (store, delivery, outbox, console, TLS, metrics), from the
 * settings and where the server listens: an operator reads at start-up where the data goes, where the
 * messages go, whether people can sign in, whether the connection is encrypted and where Prometheus scrapes.
 * No password or secret is named.
 */
export function startupSummary(config: Config, running: { metricsUrl: string }): SummaryLine[] {
  const smsReal = config.smsProvider !== 'outbox';
  const emailReal = config.smtpUrl !== undefined;
  const email = emailReal ? `SMTP at ${hostOf(config.smtpUrl!)}` : 'captured in the outbox (RDC_SMTP_URL unset)';
  const sms =
    config.smsProvider === 'webhook' ? `webhook to ${hostOf(config.smsWebhookUrl ?? '')}` : config.smsProvider === 'aliyun' ? `Alibaba Cloud SendSms at ${hostOf(config.smsAliyunEndpoint)}` : 'captured in the outbox (RDC_SMS_PROVIDER=outbox)';
  const captured = [...(emailReal ? [] : ['email']), ...(smsReal ? [] : ['sms'])];
  const exposure = outboxExposure(config, (channel) => (channel === 'email' ? emailReal : smsReal));
  const outbox =
    config.outbox === 'false'
      ? 'off (RDC_OUTBOX=false)'
      : captured.length === 0
        ? 'off (both channels deliver for real)'
        : exposure.served
          ? `GET /_rdc/outbox serves the captured ${captured.join(' and ')}`
          : `off (RDC_OUTBOX=auto: ${isLoopbackHost(config.host) ? 'a channel delivers for real' : `listening on ${config.host}, not on loopback only`})`;
  return [
    config.databaseUrl === undefined
      ? { fields: { subsystem: 'store', dialect: 'sqlite', driver: sqliteLibrary(), dataDir: config.dataDir }, msg: `store: SQLite in ${config.dataDir} (${sqliteLibrary()})` }
      : {
          fields: { subsystem: 'store', dialect: 'postgres', database: databaseOf(config.databaseUrl), poolSize: config.databasePoolSize },
          msg: `store: PostgreSQL ${databaseOf(config.databaseUrl)}, ${config.databasePoolSize} connections per node`,
        },
    { fields: { subsystem: 'delivery', email: emailReal ? 'smtp' : 'outbox', sms: config.smsProvider }, msg: `delivery: email ${email}; SMS ${sms}` },
    { fields: { subsystem: 'outbox', served: exposure.served }, msg: `outbox: ${outbox}` },
    config.console
      ? { fields: { subsystem: 'console', on: true, sessionTtl: config.consoleSessionTtl }, msg: `console: /console, sign-ins last ${duration(config.consoleSessionTtl)}` }
      : { fields: { subsystem: 'console', on: false }, msg: 'console: off (RDC_CONSOLE=false)' },
    {
      fields: { subsystem: 'tls', on: config.tlsCertFile !== undefined, trustedProxies: config.trustedProxies ?? [] },
      msg:
        (config.tlsCertFile !== undefined ? `tls: HTTPS with ${config.tlsCertFile} (re-read on SIGHUP)` : 'tls: off, plain HTTP (RDC_TLS_CERT_FILE unset)') +
        `; trusted proxies: ${config.trustedProxies?.length ? config.trustedProxies.join(', ') : 'none (forwarding headers ignored)'}`,
    },
    {
      fields: { subsystem: 'metrics', url: running.metricsUrl },
      msg: `metrics: GET ${running.metricsUrl} (Prometheus text format, no authentication)${config.metricsPort === undefined ? ' on the main port' : ', a listener of its own (RDC_METRICS_PORT)'}`,
    },
  ];
}

/** Seconds as the largest whole unit that fits: 8 h, 90 min, 45 s. */
function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** host:port of a URL, without its user, password, path or query. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

/** host:port/database of a PostgreSQL URL, without its password. */
function databaseOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}
