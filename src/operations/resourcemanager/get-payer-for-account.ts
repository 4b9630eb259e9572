import getPayerForAccount from '../directory/get-payer-for-account.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(getPayerForAccount);
