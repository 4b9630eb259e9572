import getAccount from '../directory/get-account.js';
import { pick, servedAs2020 } from './served-as-2020.js';

const FIELDS = [
  'AccountId',
  'AccountName',
  'DisplayName',
  'EmailStatus',
  'FolderId',
  'IdentityInformation',
  'JoinMethod',
  'JoinTime',
  'Location',
  'ModifyTime',
  'ResourceDirectoryId',
  'ResourceDirectoryPath',
  'Status',
  'Tags',
  'Type',
];

export default servedAs2020(getAccount, {
  reshape: (body) => ({ Account: pick(body.Account, FIELDS) }),
});
