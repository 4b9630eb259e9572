import checkAccountDelete from '../directory/check-account-delete.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(checkAccountDelete);
