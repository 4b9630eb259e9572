import { toTagFilters } from '../../domain/tags.js';
import { folder } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { includeTagsParam, orUndefined, parentFolderIdParam, queryKeywordParam, tagParam } from './params.js';
import { listedAccount } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListAccountsForParent',
  scope: 'directory',
  resources: [folder('ParentFolderId')],
  params: [
    parentFolderIdParam({ doc: 'The folder whose accounts are listed (only those directly in it); empty or absent: Root.' }),
    queryKeywordParam({ doc: 'Only accounts whose display name, account name or ID contains it (ignoring case).' }),
    ...pagingParams,
    tagParam({ doc: 'Only accounts with all these tags (`Tag.N.Key`, `Tag.N.Value`; a key without a value matches any value).' }),
    includeTagsParam,
  ],
  errors: ['InvalidParameter.ParentFolderId', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    const page = await ctx.services.accounts.listInFolder(
      ctx.directory,
      orUndefined(p.ParentFolderId),
      { keyword: orUndefined(p.QueryKeyword), tags: toTagFilters(p.Tag), includeTags: p.IncludeTags },
      { pageNumber: p.PageNumber, pageSize: p.PageSize },
    );
    return {
      Accounts: { Account: page.items.map(listedAccount) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: page.total,
    };
  },
});
