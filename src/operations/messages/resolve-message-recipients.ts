import { anyResource } from '../../auth/resources.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';
import { accountIdParam, messageTypeParam } from './params.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'ResolveMessageRecipients',
  scope: 'directory',
  resources: [anyResource],
  params: [accountIdParam(true, 'The member account (16 digits) whose recipients are asked for.'), messageTypeParam(true, 'The message type.')],
  errors: ['MissingParameter.AccountId', 'InvalidParameter.AccountId', 'MissingParameter.MessageType', 'InvalidParameter.MessageType', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Account'],
  async handle(p, ctx) {
    const recipients = await ctx.services.recipients.resolve(ctx.directory, p.AccountId, p.MessageType);
    return {
      AccountId: p.AccountId,
      MessageType: p.MessageType,
      Recipients: recipients.map((r) => ({
        ContactId: r.contactId,
        Name: r.name,
        Title: r.title,
        EmailAddress: r.email,
        PhoneNumber: r.phone,
        Via: r.via.map((v) => ({ Type: v.type, Id: v.id })),
      })),
    };
  },
});
