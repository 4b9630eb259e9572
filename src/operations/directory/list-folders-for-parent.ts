import { treeDate } from '../../domain/dates.js';
import { toTagFilters } from '../../domain/tags.js';
import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { orUndefined, parentFolderIdParam, queryKeywordParam, tagParam } from './params.js';
import { wrappedTags } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListFoldersForParent',
  scope: 'directory',
  resources: [folder('ParentFolderId')],
  params: [
    parentFolderIdParam({ doc: 'The folder whose direct children are listed; empty or absent: Root.' }),
    queryKeywordParam({ doc: 'Only folders whose name contains it (ignoring case).' }),
    ...pagingParams,
    tagParam({ doc: 'Only folders with all these tags (`Tag.N.Key`, `Tag.N.Value`; a key without a value matches any value).' }),
  ],
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
