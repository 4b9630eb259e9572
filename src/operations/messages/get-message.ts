import { treeDate } from '../../domain/dates.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';
import { messageIdParam, messageResource } from './params.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'GetMessage',
  scope: 'tenant',
  resources: [messageResource],
  params: [messageIdParam],
  errors: ['MissingParameter.MessageId', 'InvalidParameter.MessageId', 'EntityNotExists.Message'],
  async handle(p, ctx) {
    const { message, accounts, deliveries } = await ctx.services.messages.get(ctx.tenant, p.MessageId);
    return {
      Message: {
        MessageId: message.id,
        MessageType: message.messageType,
        Subject: message.subject,
        Content: message.content,
        TargetId: message.targetId,
        CreateTime: treeDate(message.createdAt),
        AccountIds: accounts.map((a) => a.accountId),
        UncoveredAccountIds: accounts.filter((a) => !a.covered).map((a) => a.accountId),
        Deliveries: deliveries.map((d) => ({
          DeliveryId: d.id,
          Channel: d.channel,
          To: d.to,
          ContactId: d.contactId ?? '',
          WebhookId: d.webhookId ?? '',
          State: d.state,
          Attempts: d.attempts,
          LastError: d.lastError ?? '',
          SentTime: d.sentAt === null ? '' : treeDate(d.sentAt),
        })),
      },
    };
  },
});
