import { createHmac } from 'node:crypto';
import type { OutgoingMessage, Transport } from './delivery.js';

/** The header carrying the signature of a webhook SMS: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-rdc-signature';

/** The signature of a webhook body sent at `timestamp` (unix seconds): HMAC-SHA256 of `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * SMS through the operator's own gateway: a POST of JSON `{To, Text, Code, Link}` to a URL, signed so the
 * receiver can check it came from this server and is recent (the timestamp is signed with the body).
 * Any 2xx answer is a delivery; anything else is retried.
 */
export class WebhookSmsTransport implements Transport {
  readonly name = 'webhook';

  constructor(private readonly url: string, private readonly secret: string) {}

  async deliver(m: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({ To: m.to, Text: m.text, Code: m.code, Link: m.link });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [WEBHOOK_SIGNATURE_HEADER]: `t=${timestamp},v1=${webhookSignature(this.secret, timestamp, body)}`,
        'x-rdc-message-id': m.id,
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`the SMS webhook answered HTTP ${res.status}`);
  }
}
