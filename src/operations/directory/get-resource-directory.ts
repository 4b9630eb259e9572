import { ApiError } from '../../errors/api-error.js';
import { treeDate } from '../../domain/dates.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetResourceDirectory',
  // A member account reads the directory it belongs to: not the caller's own.
  scope: 'tenant',
  resources: [anyResource],
  params: [],
  errors: ['ResourceDirectoryNotInUse'],
  async handle(_p, ctx) {
    // A management account reads its own directory; a member account the directory it belongs to.
    const rd = await ctx.services.directory.findManagedOrJoined(ctx.tenant);
    if (!rd) throw new ApiError('ResourceDirectoryNotInUse');
    const settings = await ctx.services.settings.get(rd);
    return {
      ResourceDirectory: {
        // Control policies are not supported (EnableControlPolicy answers NotSupport.ControlPolicy).
        ControlPolicyStatus: 'Disabled',
        CreateTime: treeDate(rd.createdAt),
        IdentityInformation: '',
        MasterAccountId: rd.accountId,
        MasterAccountName: rd.masterAccountName,
        MemberAccountDisplayNameSyncStatus: settings.displayNameSyncStatus,
        MemberDeletionStatus: settings.memberDeletionStatus,
        ResourceDirectoryId: rd.id,
        RootFolderId: rd.rootFolderId,
      },
    };
  },
});
