import createFolder from '../directory/create-folder.js';
import { paramsOf, servedAs2020 } from './served-as-2020.js';

export default servedAs2020(createFolder, { params: paramsOf(createFolder, ['ParentFolderId', 'FolderName']) });
