import { anyResource } from '../../auth/resources.js';
import { treeDate } from '../../domain/dates.js';
import { shownUrl } from '../../delivery/webhooks.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'ListMessageWebhooks',
  scope: 'tenant',
  resources: [anyResource],
  params: [],
  errors: [],
  async handle(_p, ctx) {
    const webhooks = await ctx.services.webhooks.list(ctx.tenant);
    return {
      // Secrets are never answered again; the URL without its query (a robot's access_token is a credential).
      Webhooks: webhooks.map((w) => ({ WebhookId: w.id, Url: shownUrl(w.url), Format: w.format, MessageTypes: w.messageTypes, Signed: w.secret !== null, CreateTime: treeDate(w.createdAt) })),
    };
  },
});
