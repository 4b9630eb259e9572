import getAccountDeletionStatus from '../directory/get-account-deletion-status.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(getAccountDeletionStatus);
