import { defineOperation } from '../operation.js';
import { requiredFolderId } from './params.js';

export default defineOperation({
  action: 'DeleteFolder',
  params: [requiredFolderId({ name: 'FolderId', doc: 'The ID of the folder to delete; it must hold no folders and no accounts.' })],
  errors: [
    'MissingParameter.FolderId',
    'InvalidParameter.FolderId',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'DeleteConflict.Folder.SubFolder',
    'DeleteConflict.Folder.Account',
  ],
  async handle(p, ctx) {
    await ctx.services.folders.delete(ctx.caller.key.principal.accountId, p.FolderId);
    return {};
  },
});
