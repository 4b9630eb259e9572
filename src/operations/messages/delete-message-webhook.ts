import { RDCONTACTS_2026, defineOperation } from '../operation.js';
import { rdcontactsArn } from './params.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'DeleteMessageWebhook',
  scope: 'tenant',
  resources: [async (t) => rdcontactsArn(t.accountId, `webhook/${typeof t.params.WebhookId === 'string' ? t.params.WebhookId : ''}`)],
  params: [
    {
      name: 'WebhookId',
      type: 'string',
      required: true,
      doc: 'The ID of the webhook (`wh-` + 16 letters or digits).',
      checks: [{ code: 'InvalidParameter.WebhookId', rule: '`wh-` followed by 16 letters or digits', test: (v: string) => /^wh-[0-9A-Za-z]{16}$/.test(v) }],
    },
  ],
  errors: ['MissingParameter.WebhookId', 'InvalidParameter.WebhookId', 'EntityNotExists.Webhook'],
  async handle(p, ctx) {
    await ctx.services.webhooks.delete(ctx.tenant, p.WebhookId);
    return {};
  },
});
