import { treeDate } from '../../domain/dates.js';
import { folderName } from '../../domain/tree-names.js';
import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { requiredFolderId, unreachableBecause } from './params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UpdateFolder',
  scope: 'directory',
  resources: [folder('FolderId')],
  params: [
    requiredFolderId('FolderId'),
    {
      name: 'NewFolderName',
      type: 'string',
      required: true,
      missingError: 'MissingParameter.Folder.Name',
      checks: [
        { code: 'MissingParameter.Folder.Name', rule: 'not empty', test: (v: string) => v !== '' },
        { code: 'InvalidParameter.Folder.Name', rule: 'letters, digits, _ . - and Chinese characters', test: folderName.hasValidCharacters },
        { code: 'InvalidParameter.Folder.Name.Length', rule: '1-24 characters', test: folderName.hasValidLength },
      ],
    },
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
      Folder: {
        CreateTime: treeDate(folder.createdAt),
        FolderId: folder.id,
        FolderName: folder.name,
        ParentFolderId: folder.parentId ?? '',
      },
    };
  },
});
