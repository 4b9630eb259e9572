import { defineOperation } from '../operation.js';

export default defineOperation({
  action: 'DestroyResourceDirectory',
  params: [],
  errors: ['EntityNotExists.ResourceDirectory', 'DeleteConflict.ResourceDirectory.Account'],
  async handle(_p, ctx) {
    await ctx.services.directory.destroy(ctx.caller.key.principal.accountId);
    return {};
  },
});
