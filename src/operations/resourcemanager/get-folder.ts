import getFolder from '../directory/get-folder.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(getFolder);
