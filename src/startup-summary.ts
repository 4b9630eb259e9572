import type { Config } from './config.js';
import { isLoopbackHost, outboxExposure } from './web/outbox-exposure.js';
import { sqliteLibrary } from './store/sqlite/library.js';

/** One start-up line of a subsystem: what is on and off, for the log (`msg`) and as fields. */
export interface SummaryLine {
  fields: Record<string, unknown>;
  msg: string;
}

/**
 * What this start runs, one line per subsystem (store, delivery, outbox, metrics), from the settings and
 * where the server listens: an operator reads at start-up where the data goes, where the messages go and
 * where Prometheus scrapes. No password or secret is named.
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
    {
      fields: { subsystem: 'metrics', url: running.metricsUrl },
      msg: `metrics: GET ${running.metricsUrl} (Prometheus text format, no authentication)${config.metricsPort === undefined ? ' on the main port' : ', a listener of its own (RDC_METRICS_PORT)'}`,
    },
  ];
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
