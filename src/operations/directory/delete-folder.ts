import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredFolderId } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'DeleteFolder',
  scope: 'directory',
  resources: [folder('FolderId')],
  params: [requiredFolderId({ name: 'FolderId', doc: 'The ID of the folder to delete; it must hold no folders and no accounts.' })],
  errors: [
    'MissingParameter.FolderId',
    'InvalidParameter.FolderId',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'DeleteConflict.Folder.SubFolder',
    'DeleteConflict.Folder.Account',
  ],
  async handle(p, ctx) {
    await ctx.services.folders.delete(ctx.directory, p.FolderId);
    return {};
  },
});
