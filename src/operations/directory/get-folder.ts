import { treeDate } from '../../domain/dates.js';
import { defineOperation } from '../operation.js';
import { requiredFolderId } from './params.js';

export default defineOperation({
  action: 'GetFolder',
  params: [requiredFolderId({ name: 'FolderId', doc: 'The ID of the folder (`r-` Root or `fd-`).' })],
  errors: ['MissingParameter.FolderId', 'InvalidParameter.FolderId', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    const folder = await ctx.services.folders.get(ctx.caller.key.principal.accountId, p.FolderId);
    return {
      Folder: {
        CreateTime: treeDate(folder.createdAt),
        FolderId: folder.id,
        FolderName: folder.name,
        ParentFolderId: folder.parentId ?? '',
        ResourceDirectoryPath: folder.path,
      },
    };
  },
});
