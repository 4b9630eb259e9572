import { treeDate } from '../../domain/dates.js';
import { toTagFilters } from '../../domain/tags.js';
import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { orUndefined, pageNumberParam, pageSizeParam, parentFolderIdParam, queryKeywordParam, tagParam } from './params.js';
import { wrappedTags } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListFoldersForParent',
  scope: 'directory',
  resources: [folder('ParentFolderId')],
  params: [parentFolderIdParam, queryKeywordParam, pageNumberParam, pageSizeParam, tagParam],
  errors: ['InvalidParameter.ParentFolderId', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    const page = await ctx.services.folders.listChildren(ctx.directory, {
      parentId: orUndefined(p.ParentFolderId),
      keyword: orUndefined(p.QueryKeyword),
      tags: toTagFilters(p.Tag),
      pageNumber: p.PageNumber,
      pageSize: p.PageSize,
    });
    return {
      Folders: {
        Folder: page.items.map((f) => ({ CreateTime: treeDate(f.createdAt), FolderId: f.id, FolderName: f.name, Tags: wrappedTags(f.tags) })),
      },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: page.total,
    };
  },
});
