import { defineOperation } from '../operation.js';

export default defineOperation({
  action: 'DestroyResourceDirectory',
  params: [],
  errors: ['EntityNotExists.ResourceDirectory', 'DeleteConflict.ResourceDirectory.Account'],
  // Folders below Root must be deleted first (the documented precondition); the folder code says so.
  alsoAnswers: ['DeleteConflict.Folder.SubFolder'],
  async handle(_p, ctx) {
    await ctx.services.directory.destroy(ctx.caller.key.principal.accountId);
    return {};
  },
});
