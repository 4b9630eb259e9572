import { contactDate } from '../../domain/dates.js';
import { defineOperation } from '../operation.js';
import { contactIdParam, membersParam } from './params.js';

export default defineOperation({
  action: 'DisassociateMembers',
  params: [contactIdParam({ required: true }), membersParam()],
  errors: [
    'InvalidParameter.ContactId',
    'MissingParameter.ContactId',
    'InvalidParameter.Members',
    'InvalidParameter.Members.Duplicate',
    'InvalidParameter.Members.Length',
    'QuotaExceeded.Members',
    'InvalidMember',
    'ContactStatusMismatchAction',
    'EntityNotExists.Contact',
  ],
  alsoAnswers: ['ConcurrentCallNotSupported', 'EntityNotExists.ResourceDirectory'],
  unreachable: {
    'QuotaExceeded.Members': 'Removing bindings cannot exceed the binding quota; AssociateMembers answers it.',
  },
  async handle(p, ctx) {
    const rd = await ctx.services.directory.require(ctx.caller.key.principal.accountId);
    const changes = await ctx.services.bindings.disassociate(rd, p.ContactId, p.Members);
    return { Members: changes.map((c) => ({ ContactId: p.ContactId, MemberId: c.memberId, ModifyDate: contactDate(c.at) })) };
  },
});
