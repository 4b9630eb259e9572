import { contactDate } from '../../domain/dates.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, membersParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'DisassociateMembers',
  scope: 'directory',
  resources: [anyResource],
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
    const changes = await ctx.services.bindings.disassociate(ctx.directory, p.ContactId, p.Members);
    return { Members: changes.map((c) => ({ ContactId: p.ContactId, MemberId: c.memberId, ModifyDate: contactDate(c.at) })) };
  },
});
