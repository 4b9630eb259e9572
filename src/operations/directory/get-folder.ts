import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredFolderId } from './params.js';
import { folderBody } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetFolder',
  scope: 'directory',
  resources: [folder('FolderId')],
  params: [requiredFolderId({ name: 'FolderId', doc: 'The ID of the folder (`r-` Root or `fd-`).' })],
  errors: ['MissingParameter.FolderId', 'InvalidParameter.FolderId', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    const folder = await ctx.services.folders.get(ctx.directory, p.FolderId);
    return {
      Folder: { ...folderBody(folder), ResourceDirectoryPath: folder.path },
    };
  },
});
