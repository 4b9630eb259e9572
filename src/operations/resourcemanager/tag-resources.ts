import tagResources from '../directory/tag-resources.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(tagResources);
