import { treeDate } from '../../domain/dates.js';
import { toTags } from '../../domain/tags.js';
import { folderName } from '../../domain/tree-names.js';
import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { orUndefined, parentFolderIdParam, tagParam } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'CreateFolder',
  scope: 'directory',
  resources: [folder('ParentFolderId')],
  params: [
    parentFolderIdParam,
    {
      name: 'FolderName',
      type: 'string',
      required: true,
      missingError: 'MissingParameter.Folder.Name',
      checks: [
        { code: 'MissingParameter.Folder.Name', rule: 'not empty', test: (v: string) => v !== '' },
        { code: 'InvalidParameter.Folder.Name', rule: 'letters, digits, _ . - and Chinese characters', test: folderName.hasValidCharacters },
        { code: 'InvalidParameter.Folder.Name.Length', rule: '1-24 characters', test: folderName.hasValidLength },
      ],
    },
    tagParam,
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
      Folder: {
        CreateTime: treeDate(folder.createdAt),
        FolderId: folder.id,
        FolderName: folder.name,
        ParentFolderId: folder.parentId ?? '',
      },
    };
  },
});
