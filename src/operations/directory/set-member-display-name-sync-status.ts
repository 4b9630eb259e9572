import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { switchStatusParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'SetMemberDisplayNameSyncStatus',
  scope: 'directory',
  resources: [anyResource],
  params: [switchStatusParam],
  // The API documents no error codes: a bad Status and a missing directory answer as elsewhere.
  errors: [],
  alsoAnswers: ['InvalidParameter.Status', 'EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const settings = await ctx.services.settings.change(ctx.directory, { displayNameSyncStatus: p.Status });
    return { MemberAccountDisplayNameSyncStatus: settings.displayNameSyncStatus };
  },
});
