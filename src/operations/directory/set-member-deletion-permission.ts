import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { switchStatusParam, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'SetMemberDeletionPermission',
  scope: 'directory',
  resources: [anyResource],
  params: [switchStatusParam],
  errors: ['InvalidParameter.Status', 'MemberAccountAccessDenied', 'EntityNotExists.ResourceDirectory'],
  unreachable: { MemberAccountAccessDenied: unreachableBecause.memberCaller },
  async handle(p, ctx) {
    const settings = await ctx.services.settings.change(ctx.directory, { memberDeletionStatus: p.Status });
    return { ManagementAccountId: ctx.directory.accountId, MemberDeletionStatus: settings.memberDeletionStatus, ResourceDirectoryId: ctx.directory.id };
  },
});
