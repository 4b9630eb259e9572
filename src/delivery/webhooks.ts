import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookRecord } from '../store/records.js';

/** What every webhook of a published message is told: the message, every account it concerned, every recipient. */
export interface NoticePayload {
  MessageId: string;
  MessageType: string;
  Subject: string;
  Content: string;
  TargetId: string;
  CreateTime: string;
  Accounts: Array<{ AccountId: string; DisplayName: string; Covered: boolean }>;
  Recipients: Array<{ ContactId: string; Name: string; Title: string; EmailAddress: string; PhoneNumber: string; AccountIds: string[] }>;
}

/** One POST to a webhook. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newStandardSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64');
}

/** The key of a Standard Webhooks secret: base64-decoded after `whsec_`. */
export function standardKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** Standard Webhooks `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`. */
export function standardSignature(secret: string, id: string, timestampS: number, body: string): string {
  return 'v1,' + createHmac('sha256', standardKey(secret)).update(`${id}.${timestampS}.${body}`).digest('base64');
}

/** DingTalk custom robot: `timestamp` (ms) and `sign` = base64 HMAC-SHA256(key secret, `<timestamp>\n<secret>`) in the query. */
export function dingTalkSignedUrl(url: string, secret: string, nowMs: number): string {
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(nowMs));
  signed.searchParams.set('sign', createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64'));
  return signed.toString();
}

/** Feishu/Lark custom bot: `sign` = base64 HMAC-SHA256 keyed by `<timestamp s>\n<secret>` over nothing, sent in the body. */
export function feishuSign(secret: string, nowS: number): { timestamp: string; sign: string } {
  return { timestamp: String(nowS), sign: createHmac('sha256', `${nowS}\n${secret}`).update('').digest('base64') };
}

/** Accounts an IM message lists before "and N more" (Feishu takes at most 20 KB). */
const IM_ACCOUNTS = 30;

/** The notice as chat text: type and subject, content, the accounts and who was notified. */
function chatText(p: NoticePayload, markdown: boolean): string {
  const accounts = p.Accounts.slice(0, IM_ACCOUNTS).map((a) => `${a.AccountId} (${a.DisplayName})`);
  if (p.Accounts.length > IM_ACCOUNTS) accounts.push(`and ${p.Accounts.length - IM_ACCOUNTS} more`);
  const title = `[${p.MessageType}] ${p.Subject}`;
  return [
    markdown ? `#### ${title}` : title,
    p.Content,
    `Accounts: ${accounts.join(', ')}`,
    `Notified: ${p.Recipients.map((r) => r.Name).join(', ') || 'nobody'}`,
    `Message ${p.MessageId}`,
  ].join('\n\n');
}

/**
 * The request of one send of a notice to a webhook, in its format, signed as that format says. `id` is
 * the delivery's ID: the same on every retry (Standard Webhooks `webhook-id`); the timestamp is the attempt's.
 */
export function webhookRequest(webhook: Pick<WebhookRecord, 'url' | 'format' | 'secret'>, payload: NoticePayload, id: string, nowMs: number): WebhookRequest {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (webhook.format) {
    case 'standard': {
      const body = JSON.stringify({ type: 'message.published', timestamp: new Date(nowMs).toISOString(), data: payload });
      const timestamp = Math.floor(nowMs / 1000);
      const signed: Record<string, string> = webhook.secret ? { 'webhook-signature': standardSignature(webhook.secret, id, timestamp, body) } : {};
      return { url: webhook.url, headers: { ...json, 'webhook-id': id, 'webhook-timestamp': String(timestamp), ...signed }, body };
    }
    case 'dingtalk': {
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: `[${payload.MessageType}] ${payload.Subject}`, text: chatText(payload, true) } });
      return { url: webhook.secret ? dingTalkSignedUrl(webhook.url, webhook.secret, nowMs) : webhook.url, headers: json, body };
    }
    case 'feishu': {
      const signed = webhook.secret ? feishuSign(webhook.secret, Math.floor(nowMs / 1000)) : {};
      return { url: webhook.url, headers: json, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: chatText(payload, false) } }) };
    }
    case 'slack':
      return { url: webhook.url, headers: json, body: JSON.stringify({ text: chatText(payload, false) }) };
  }
}

/**
 * Sends a webhook request; resolves on success, rejects (to be retried) otherwise. Success is a 2xx answer
 * (redirects are not followed); DingTalk and Feishu answer HTTP 200 to failures too, so their `errcode` /
 * `code` must also be 0.
 */
export async function sendWebhook(format: WebhookRecord['format'], request: WebhookRequest, timeoutMs: number): Promise<void> {
  const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status > 299) throw new Error(`the webhook answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  if (format === 'dingtalk' || format === 'feishu') {
    let answer: { errcode?: unknown; code?: unknown; errmsg?: unknown; msg?: unknown } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new Error(`the ${format} webhook answered something other than JSON: ${text.slice(0, 200)}`);
    }
    const code = format === 'dingtalk' ? answer.errcode : answer.code;
    if (code !== 0) throw new Error(`the ${format} webhook refused the message: ${String(code)} ${String(answer.errmsg ?? answer.msg ?? '')}`);
  }
}

/** Why a webhook URL is refused at creation, or undefined: http(s) only, and no credentials in it. */
export function webhookUrlProblem(url: string): 'InvalidParameter.Url' | 'InvalidParameter.Url.Credentials' | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'InvalidParameter.Url';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'InvalidParameter.Url';
  if (parsed.username !== '' || parsed.password !== '') return 'InvalidParameter.Url.Credentials';
  return undefined;
}

/** The URL as the delivery log shows it: without its query (DingTalk's access_token is a credential). */
export function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
