import { defineOperation } from '../operation.js';
import { requiredFolderId } from './params.js';

export default defineOperation({
  action: 'DeleteFolder',
  params: [requiredFolderId('FolderId')],
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
