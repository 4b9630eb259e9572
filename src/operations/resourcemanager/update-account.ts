import updateAccount from '../directory/update-account.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(updateAccount);
