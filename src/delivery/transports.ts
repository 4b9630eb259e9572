import { ConfigError, type Config } from '../config.js';
import type { Transport } from './delivery.js';
import { SmtpTransport } from './smtp.js';
import { WebhookSmsTransport } from './sms-webhook.js';
import { AliyunSmsTransport } from './sms-aliyun.js';

/** The real transports the settings ask for; a channel left out captures its messages in the outbox. */
export function transportsOf(config: Config): Partial<Record<'email' | 'sms', Transport>> {
  const out: Partial<Record<'email' | 'sms', Transport>> = {};
  if (config.smtpUrl !== undefined) out.email = new SmtpTransport(config.smtpUrl, config.mailFrom, config.smtpAllowInsecureAuth);
  switch (config.smsProvider) {
    case 'webhook': {
      const url = required(config.smsWebhookUrl, 'RDC_SMS_WEBHOOK_URL', 'webhook');
      out.sms = new WebhookSmsTransport(url, required(config.smsWebhookSecret, 'RDC_SMS_WEBHOOK_SECRET', 'webhook'));
      break;
    }
    case 'aliyun':
      out.sms = new AliyunSmsTransport({
        accessKeyId: required(config.smsAliyunAccessKeyId, 'RDC_SMS_ALIYUN_ACCESS_KEY_ID', 'aliyun'),
        accessKeySecret: required(config.smsAliyunAccessKeySecret, 'RDC_SMS_ALIYUN_ACCESS_KEY_SECRET', 'aliyun'),
        signName: required(config.smsAliyunSignName, 'RDC_SMS_ALIYUN_SIGN_NAME', 'aliyun'),
        templateCode: required(config.smsAliyunTemplateCode, 'RDC_SMS_ALIYUN_TEMPLATE_CODE', 'aliyun'),
        templateParam: config.smsAliyunTemplateParam,
        endpoint: config.smsAliyunEndpoint,
      });
      break;
  }
  return out;
}

function required(value: string | undefined, env: string, provider: string): string {
  if (value === undefined) throw new ConfigError(`${env} (--${env.slice(4).toLowerCase().replace(/_/g, '-')}) is required when RDC_SMS_PROVIDER is ${provider}`);
  return value;
}
