import createFolder from '../directory/create-folder.js';
import { paramsOf, servedAs2020 } from './served-as-2020.js';

export default servedAs2020(createFolder, {
  params: paramsOf(createFolder, ['ParentFolderId', 'FolderName']),
  errors: [
    'InvalidParameter.ParentFolderId',
    'MissingParameter.Folder.Name',
    'InvalidParameter.Folder.Name',
    'InvalidParameter.Folder.Name.Length',
    'InvalidParameter.Folder.Name.AlreadyUsed',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'LimitExceeded.Folder.Depth',
    'QuotaExceeded.Folder.Count',
  ],
});
