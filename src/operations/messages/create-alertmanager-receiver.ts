import { anyResource } from '../../auth/resources.js';
import { treeDate } from '../../domain/dates.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';

/** Where Alertmanager POSTs alert groups (http/server.ts serves it). */
export const ALERTMANAGER_PATH = '/alertmanager/v1/webhook';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'CreateAlertmanagerReceiver',
  scope: 'tenant',
  resources: [anyResource],
  params: [],
  errors: [],
  async handle(_p, ctx) {
    const receiver = await ctx.services.alerts.createReceiver(ctx.tenant);
    // The token is answered this once; only its hash is kept.
    return { ReceiverId: receiver.id, Token: receiver.token, Path: ALERTMANAGER_PATH, CreateTime: treeDate(receiver.createdAt) };
  },
});
