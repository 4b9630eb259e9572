import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'DestroyResourceDirectory',
  scope: 'directory',
  resources: [anyResource],
  params: [],
  errors: ['EntityNotExists.ResourceDirectory', 'DeleteConflict.ResourceDirectory.Account'],
  // Folders below Root must be deleted first (the documented precondition); the folder code says so.
  alsoAnswers: ['DeleteConflict.Folder.SubFolder'],
  async handle(_p, ctx) {
    await ctx.services.directory.destroy(ctx.directory);
    return {};
  },
});
