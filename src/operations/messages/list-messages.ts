import { anyResource } from '../../auth/resources.js';
import { treeDate } from '../../domain/dates.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';
import { accountIdParam, messageTypeParam, pageNumberParam, pageSizeParam } from './params.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'ListMessages',
  scope: 'tenant',
  resources: [anyResource],
  params: [messageTypeParam(false, 'Only messages of this type.'), accountIdParam(false, 'Only messages that concerned this member account.'), pageNumberParam, pageSizeParam],
  errors: ['InvalidParameter.MessageType', 'InvalidParameter.AccountId', 'InvalidParameter.PageNumber', 'InvalidParameter.PageSize'],
  async handle(p, ctx) {
    const page = await ctx.services.messages.list({ tenant: ctx.tenant, messageType: p.MessageType, accountId: p.AccountId }, p.PageNumber, p.PageSize);
    return {
      Messages: page.rows.map((m) => ({
        MessageId: m.id,
        MessageType: m.messageType,
        Subject: m.subject,
        TargetId: m.targetId,
        CreateTime: treeDate(m.createdAt),
        AccountCount: m.accountCount,
        RecipientCount: m.recipientCount,
      })),
      TotalCount: page.total,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
    };
  },
});
