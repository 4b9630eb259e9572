import RPCClient from '@alicloud/pop-core';
import type { OutgoingMessage, Transport } from './delivery.js';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** https://dysmsapi.aliyuncs.com, or a stand-in. */
  endpoint: string;
}

/**
 * Alibaba Cloud SMS: `SendSms` (dysmsapi 2017-05-25) signed V1 with the operator's own AccessKey. The
 * template gets the code as its `code` variable. A number of mainland China (`86-…`) is sent without its
 * country code, others as `<country code><number>`, as SendSms expects.
 */
export class AliyunSmsTransport implements Transport {
  readonly name = 'aliyun';
  private readonly client: RPCClient;

  constructor(private readonly options: AliyunSmsOptions) {
    this.client = new RPCClient({ accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret, endpoint: options.endpoint, apiVersion: '2017-05-25' });
  }

  async deliver(m: OutgoingMessage): Promise<void> {
    const params = {
      PhoneNumbers: aliyunPhoneNumber(m.to),
      SignName: this.options.signName,
      TemplateCode: this.options.templateCode,
      TemplateParam: JSON.stringify({ code: m.code ?? '' }),
      OutId: m.id,
    };
    // pop-core throws for an answer whose Code is not OK (isv.BUSINESS_LIMIT_CONTROL, …): the job retries.
    const answer = (await this.client.request('SendSms', params, { method: 'POST', timeout: 15_000 })) as { Code?: string; Message?: string };
    if (answer.Code !== 'OK') throw new Error(`SendSms answered ${answer.Code ?? 'no Code'}: ${answer.Message ?? ''}`);
  }
}

export function aliyunPhoneNumber(phone: string): string {
  const [country, national] = phone.split('-', 2);
  return country === '86' ? national! : `${country}${national}`;
}
