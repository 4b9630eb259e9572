import { toTags } from '../../domain/tags.js';
import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { folderNameParam, orUndefined, parentFolderIdParam, tagParam } from './params.js';
import { folderBody } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'CreateFolder',
  scope: 'directory',
  resources: [folder('ParentFolderId')],
  params: [
    parentFolderIdParam({ doc: 'The folder to create it in; empty or absent: Root.' }),
    folderNameParam({ name: 'FolderName', doc: 'The name of the folder, unique among the folders of its parent.' }),
    tagParam({ doc: 'Tags to attach to the folder (`Tag.N.Key`, `Tag.N.Value`).' }),
  ],
  errors: [
    'InvalidParameter.ParentFolderId',
    'MissingParameter.Folder.Name',
    'InvalidParameter.Folder.Name',
    'InvalidParameter.Folder.Name.Length',
    'InvalidParameter.Folder.Name.AlreadyUsed',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'LimitExceeded.Folder.Depth',
    'QuotaExceeded.Folder.Count',
  ],
  async handle(p, ctx) {
    const folder = await ctx.services.folders.create(ctx.directory, {
      parentId: orUndefined(p.ParentFolderId),
      name: p.FolderName,
      tags: toTags(p.Tag),
    });
    return {
      Folder: folderBody(folder),
    };
  },
});
