import type RPCClient from '@alicloud/pop-core';
import { ConfigError } from '../config.js';
import type { OutgoingMessage, Transport } from './delivery.js';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** TemplateParam as JSON text with `{{code}}` and `{{link}}` placeholders. */
  templateParam: string;
  /** https://dysmsapi.aliyuncs.com, or a stand-in. */
  endpoint: string;
}

/**
 * Alibaba Cloud SMS: `SendSms` (dysmsapi 2017-05-25) signed V1 with the operator's own AccessKey. The
 * template's variables come from RDC_SMS_ALIYUN_TEMPLATE_PARAM (by default the code as `code`). A number of mainland China (`86-…`) is sent without its
 * country code, others as `<country code><number>`, as SendSms expects.
 */
export class AliyunSmsTransport implements Transport {
  readonly templateOnly = true;
  readonly name = 'aliyun';
  /** pop-core (with its XML and HTTP packages) is loaded on the first message, not by every server that starts. */
  private client: Promise<RPCClient> | undefined;

  constructor(private readonly options: AliyunSmsOptions) {
    checkTemplateParam(options.templateParam);
  }

  async deliver(m: OutgoingMessage): Promise<void> {
    const params = {
      PhoneNumbers: aliyunPhoneNumber(m.to),
      SignName: this.options.signName,
      TemplateCode: this.options.templateCode,
      TemplateParam: fillTemplateParam(this.options.templateParam, { code: m.code ?? '', link: m.link }),
      OutId: m.id,
    };
    // pop-core throws for an answer whose Code is not OK (isv.BUSINESS_LIMIT_CONTROL, …): the job retries.
    const { accessKeyId, accessKeySecret, endpoint } = this.options;
    this.client ??= import('@alicloud/pop-core').then(({ default: Client }) => new Client({ accessKeyId, accessKeySecret, endpoint, apiVersion: '2017-05-25' }));
    const answer = (await (await this.client).request('SendSms', params, { method: 'POST', timeout: 15_000 })) as { Code?: string; Message?: string };
    if (answer.Code !== 'OK') throw new Error(`SendSms answered ${answer.Code ?? 'no Code'}: ${answer.Message ?? ''}`);
  }
}

/** Replaces `{{code}}` and `{{link}}` inside JSON string values (escaped as JSON). */
export function fillTemplateParam(template: string, values: { code: string; link: string }): string {
  return template.replace(/\{\{\s*(code|link)\s*\}\}/g, (_, name: 'code' | 'link') => JSON.stringify(values[name]).slice(1, -1));
}

function checkTemplateParam(template: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fillTemplateParam(template, { code: '000000', link: 'https://example.com/verify/x' }));
  } catch {
    throw new ConfigError('RDC_SMS_ALIYUN_TEMPLATE_PARAM (--sms-aliyun-template-param) must be a JSON object, e.g. {"code":"{{code}}"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('RDC_SMS_ALIYUN_TEMPLATE_PARAM (--sms-aliyun-template-param) must be a JSON object, e.g. {"code":"{{code}}"}');
  for (const [, name] of template.matchAll(/\{\{([^}]*)\}\}/g)) {
    if (!['code', 'link'].includes(name!.trim())) throw new ConfigError(`RDC_SMS_ALIYUN_TEMPLATE_PARAM (--sms-aliyun-template-param): unknown placeholder {{${name!.trim()}}} (known: code, link)`);
  }
}

export function aliyunPhoneNumber(phone: string): string {
  const [country, national] = phone.split('-', 2);
  return country === '86' ? national! : `${country}${national}`;
}
