import listAccountsForParent from '../directory/list-accounts-for-parent.js';
import { pick, servedAs2020 } from './served-as-2020.js';

const FIELDS = ['AccountId', 'DisplayName', 'FolderId', 'JoinMethod', 'JoinTime', 'ModifyTime', 'ResourceDirectoryId', 'Status', 'Tags', 'Type'];

export default servedAs2020(listAccountsForParent, {
  reshape: (body) => {
    const accounts = (body.Accounts as { Account: unknown[] }).Account;
    return { ...body, Accounts: { Account: accounts.map((a) => pick(a, FIELDS)) } };
  },
});
