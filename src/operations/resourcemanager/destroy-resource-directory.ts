import destroyResourceDirectory from '../directory/destroy-resource-directory.js';
import { servedAs2020 } from './served-as-2020.js';

export default servedAs2020(destroyResourceDirectory, {
  errors: ['EntityNotExists.ResourceDirectory', 'DeleteConflict.ResourceDirectory.Account'],
  // Folders below Root must be deleted first (the documented precondition); the folder code says so.
  alsoAnswers: ['DeleteConflict.Folder.SubFolder'],
});
