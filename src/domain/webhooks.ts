import { ApiError } from '../errors/api-error.js';
import { newStandardSecret, standardKey, webhookUrlProblem } from '../delivery/webhooks.js';
import type { Store } from '../store/store.js';
import type { WebhookFormat, WebhookRecord } from '../store/records.js';
import { base62 } from '../ids.js';

/** Webhooks per tenant. */
export const MAX_WEBHOOKS = 20;

export interface NewWebhook {
  url: string;
  messageTypes: string[];
  format: WebhookFormat;
  secret?: string;
}

/**
 * Message webhooks: tools subscribe to message types and get every published message of those types, once
 * per webhook, in their format (Standard Webhooks, DingTalk, Feishu, Slack). URLs are checked at creation:
 * http or https only, no credentials in them. A `standard` webhook always signs: without a Secret one is
 * generated and shown once, in the answer of CreateMessageWebhook.
 */
export class WebhookService {
  constructor(private readonly store: Store) {}

  async create(tenant: string, input: NewWebhook): Promise<{ webhook: WebhookRecord; generatedSecret?: string }> {
    const problem = webhookUrlProblem(input.url);
    if (problem) throw new ApiError(problem);
    let secret = input.secret ?? null;
    let generatedSecret: string | undefined;
    if (input.format === 'standard') {
      if (secret === null) secret = generatedSecret = newStandardSecret();
      const key = standardKey(secret).length;
      if (!/^(whsec_)?[A-Za-z0-9+/]+={0,2}$/.test(secret) || key < 24 || key > 512) throw new ApiError('InvalidParameter.Secret.Length');
    }
    if ((await this.store.webhooks.count(tenant)) >= MAX_WEBHOOKS) throw new ApiError('QuotaExceeded.Webhooks');
    const webhook: WebhookRecord = { id: 'wh-' + base62(16), tenant, url: input.url, format: input.format, secret, messageTypes: [...new Set(input.messageTypes)], createdAt: Date.now() };
    await this.store.webhooks.insert(webhook);
    return { webhook, generatedSecret };
  }

  list(tenant: string): Promise<WebhookRecord[]> {
    return this.store.webhooks.list(tenant);
  }

  async delete(tenant: string, id: string): Promise<void> {
    if (!(await this.store.webhooks.remove(tenant, id))) throw new ApiError('EntityNotExists.Webhook');
  }
}
