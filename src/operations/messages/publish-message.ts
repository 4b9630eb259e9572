import { anyResource } from '../../auth/resources.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';
import { messageTypeParam } from './params.js';

const length = (min: number, max: number) => (v: string) => [...v].length >= min && [...v].length <= max;

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'PublishMessage',
  scope: 'directory',
  resources: [anyResource],
  params: [
    messageTypeParam(true, 'The message type: the contacts receiving it are the recipients.'),
    { name: 'Subject', type: 'string', required: true, doc: 'The subject, 1 to 200 characters.', checks: [{ code: 'InvalidParameter.Subject', rule: '1 to 200 characters', test: length(1, 200) }] },
    {
      name: 'Content',
      type: 'string',
      required: true,
      multiline: true,
      // 4,000 rather than the 10,000 an alert may carry: a request parameter is at most 8,192 characters encoded (protocol/params.ts).
      doc: 'The text, 1 to 4,000 characters of plain text; line breaks and tabs are kept, other control characters refused.',
      checks: [{ code: 'InvalidParameter.Content', rule: '1 to 4,000 characters, no control character but line breaks and tabs', test: length(1, 4_000) }],
    },
    {
      name: 'TargetId',
      type: 'string',
      required: true,
      doc: 'Whom the notice concerns: a member account, a folder (`fd-…`, `r-…`: every account below it) or the resource directory (`rd-…`: every account).',
      checks: [{ code: 'InvalidParameter.TargetId', rule: 'not empty', test: (v: string) => v !== '' }],
    },
    {
      name: 'ClientToken',
      type: 'string',
      doc: 'Up to 64 characters: the same token from the same account within 24 hours answers the first call and sends nothing more.',
      checks: [{ code: 'InvalidParameter.ClientToken', rule: '1 to 64 characters', test: length(1, 64) }],
    },
  ],
  errors: [
    'MissingParameter.MessageType',
    'InvalidParameter.MessageType',
    'MissingParameter.Subject',
    'InvalidParameter.Subject',
    'MissingParameter.Content',
    'InvalidParameter.Content',
    'MissingParameter.TargetId',
    'InvalidParameter.TargetId',
    'InvalidParameter.ClientToken',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Target',
  ],
  async handle(p, ctx) {
    const result = await ctx.services.messages.publish(ctx.directory, ctx.tenant, {
      messageType: p.MessageType,
      subject: p.Subject,
      content: p.Content,
      targetId: p.TargetId,
      clientToken: p.ClientToken,
    });
    return { MessageId: result.messageId, AccountCount: result.accountCount, RecipientCount: result.recipientCount };
  },
});
