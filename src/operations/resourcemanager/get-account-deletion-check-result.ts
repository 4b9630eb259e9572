import getAccountDeletionCheckResult from '../directory/get-account-deletion-check-result.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(getAccountDeletionCheckResult);
