import { anyResource } from '../../auth/resources.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'GetDirectorySummary',
  scope: 'directory',
  resources: [anyResource],
  params: [],
  errors: ['EntityNotExists.ResourceDirectory'],
  async handle(_p, ctx) {
    const s = await ctx.services.summary.summary(ctx.directory);
    return {
      FolderCount: s.folders,
      AccountCount: s.accounts,
      ContactCounts: s.contactsByStatus.map((c) => ({ Status: c.status, Count: c.count })),
      UncoveredAccountCounts: s.uncovered.map((u) => ({ MessageType: u.messageType, Count: u.count })),
    };
  },
});
