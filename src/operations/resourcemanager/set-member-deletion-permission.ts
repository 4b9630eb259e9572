import setMemberDeletionPermission from '../directory/set-member-deletion-permission.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(setMemberDeletionPermission);
