import listAccounts from '../directory/list-accounts.js';
import { paramsOf, pick, servedAs2020 } from './served-as-2020.js';

const FIELDS = ['AccountId', 'DisplayName', 'FolderId', 'JoinMethod', 'JoinTime', 'ModifyTime', 'ResourceDirectoryId', 'ResourceDirectoryPath', 'Status', 'Tags', 'Type'];

export default servedAs2020(listAccounts, {
  params: paramsOf(listAccounts, ['PageNumber', 'PageSize', 'Tag', 'IncludeTags']),
  errors: ['EntityNotExists.ResourceDirectory'],
  reshape: (body) => {
    const accounts = (body.Accounts as { Account: unknown[] }).Account;
    return { ...pick(body, ['PageNumber', 'PageSize', 'TotalCount']), Accounts: { Account: accounts.map((a) => pick(a, FIELDS)) } };
  },
});
