import { isValidNextToken } from '../../domain/accounts.js';
import { toTagFilters } from '../../domain/tags.js';
import { allAccounts } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { pagingParams } from '../paging.js';
import { includeTagsParam, orUndefined, queryKeywordParam, tagParam } from './params.js';
import { listedAccount } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListAccounts',
  scope: 'directory',
  resources: [allAccounts],
  params: [
    ...pagingParams,
    queryKeywordParam({ doc: 'Only accounts whose display name, account name or ID contains it (ignoring case).' }),
    tagParam({ doc: 'Only accounts with all these tags (`Tag.N.Key`, `Tag.N.Value`; a key without a value matches any value).' }),
    includeTagsParam,
    // Either one selects token paging (MaxResults defaults to 10 there).
    { name: 'MaxResults', type: 'integer', doc: 'Entries per page, 1 to 100 (default 10), with token paging: given it or NextToken, PageNumber and PageSize are ignored.', checks: [{ code: 'InvalidParameter.MaxResults', rule: '1 to 100', test: (v: number) => v >= 1 && v <= 100 }] },
    { name: 'NextToken', type: 'string', doc: 'The NextToken of the previous page: the page after it.', checks: [{ code: 'InvalidParameter.NextToken', rule: 'a NextToken from an earlier page', test: (v: string) => v === '' || isValidNextToken(v) }] },
  ],
  errors: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const nextToken = orUndefined(p.NextToken);
    const tokenPaging = p.MaxResults !== undefined || nextToken !== undefined;
    const maxResults = p.MaxResults ?? 10;
    const page = await ctx.services.accounts.list(
      ctx.directory,
      { keyword: orUndefined(p.QueryKeyword), tags: toTagFilters(p.Tag), includeTags: p.IncludeTags },
      tokenPaging ? { maxResults, nextToken } : { pageNumber: p.PageNumber, pageSize: p.PageSize },
    );
    return {
      Accounts: { Account: page.items.map((a) => ({ ...listedAccount(a), ResourceDirectoryPath: a.path })) },
      NextToken: page.nextToken,
      PageNumber: tokenPaging ? 1 : p.PageNumber,
      PageSize: tokenPaging ? maxResults : p.PageSize,
      TotalCount: page.total,
    };
  },
});
