import { contactDate } from '../../domain/dates.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { contactIdParam, membersParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'AssociateMembers',
  scope: 'directory',
  resources: [anyResource],
  params: [contactIdParam({ required: 'effectively' }), membersParam()],
  errors: [
    'InvalidParameter.ContactId',
    'MissingParameter.ContactId',
    'InvalidParameter.Members',
    'InvalidParameter.Members.Duplicate',
    'LimitExceeded.ContactMembers',
    'InvalidMember',
    'ContactStatusMismatchAction',
    'EntityNotExists.Contact',
    'ConcurrentCallNotSupported',
  ],
  alsoAnswers: ['InvalidParameter.Members.Length', 'QuotaExceeded.Members', 'EntityNotExists.ResourceDirectory'],
  unreachable: {
    'LimitExceeded.ContactMembers':
      'docs/decisions.md#bindings answers more than 5 members in one call with InvalidParameter.Members.Length and the per-contact binding quota (RDC_MAX_MEMBERS_PER_CONTACT) with QuotaExceeded.Members.',
  },
  async handle(p, ctx) {
    const changes = await ctx.services.bindings.associate(ctx.directory, p.ContactId, p.Members);
    return { Members: changes.map((c) => ({ ContactId: p.ContactId, MemberId: c.memberId, ModifyDate: contactDate(c.at) })) };
  },
});
