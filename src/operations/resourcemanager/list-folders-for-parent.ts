import listFoldersForParent from '../directory/list-folders-for-parent.js';
import { paramsOf, pick, servedAs2020 } from './served-as-2020.js';

export default servedAs2020(listFoldersForParent, {
  params: paramsOf(listFoldersForParent, ['ParentFolderId', 'QueryKeyword', 'PageNumber', 'PageSize']),
  errors: ['InvalidParameter.ParentFolderId', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  reshape: (body) => {
    const folders = (body.Folders as { Folder: unknown[] }).Folder;
    return { ...body, Folders: { Folder: folders.map((f) => pick(f, ['CreateTime', 'FolderId', 'FolderName'])) } };
  },
});
