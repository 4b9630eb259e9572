import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { folderNameParam, requiredFolderId, unreachableBecause } from './params.js';
import { folderBody } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdateFolder',
  scope: 'directory',
  resources: [folder('FolderId')],
  params: [
    requiredFolderId({ name: 'FolderId', doc: 'The ID of the folder to rename (`fd-` + 10).' }),
    folderNameParam({ name: 'NewFolderName', doc: 'The new name of the folder, unique among the folders of its parent.' }),
  ],
  errors: [
    'MissingParameter.Folder.Name',
    'InvalidParameter.Folder.Name',
    'InvalidParameter.Folder.Name.Length',
    'MissingParameter.FolderId',
    'InvalidParameter.FolderId',
    'InvalidParameter.Folder.Name.AlreadyUsed',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'LimitExceeded.Folder.Depth',
  ],
  unreachable: { 'LimitExceeded.Folder.Depth': unreachableBecause.renameKeepsDepth },
  async handle(p, ctx) {
    const folder = await ctx.services.folders.rename(ctx.directory, p.FolderId, p.NewFolderName);
    return {
      Folder: folderBody(folder),
    };
  },
});
