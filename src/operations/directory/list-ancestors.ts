import { treeDate } from '../../domain/dates.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredFolderId } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListAncestors',
  scope: 'directory',
  resources: [anyResource],
  params: [requiredFolderId({ name: 'ChildId', doc: 'The ID of the folder whose ancestors are listed, from Root down.' })],
  errors: ['MissingParameter.ChildId', 'InvalidParameter.ChildId', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    const ancestors = await ctx.services.folders.ancestors(ctx.directory, p.ChildId);
    return {
      Folders: {
        Folder: ancestors.map((f) => ({ CreateTime: treeDate(f.createdAt), FolderId: f.id, FolderName: f.name })),
      },
    };
  },
});
