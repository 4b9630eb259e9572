import getResourceDirectory from '../directory/get-resource-directory.js';
import { pick, servedAs2020 } from './served-as-2020.js';

const FIELDS = ['ControlPolicyStatus', 'CreateTime', 'IdentityInformation', 'MasterAccountId', 'MasterAccountName', 'MemberDeletionStatus', 'ResourceDirectoryId', 'RootFolderId'];

export default servedAs2020(getResourceDirectory, {
  errors: ['ResourceDirectoryNotInUse'],
  reshape: (body) => ({ ResourceDirectory: pick(body.ResourceDirectory, FIELDS) }),
});
