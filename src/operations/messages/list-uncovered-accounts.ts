import { anyResource } from '../../auth/resources.js';
import { idPattern } from '../../ids.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';
import { messageTypeParam, pageNumberParam, pageSizeParam } from './params.js';

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'ListUncoveredAccounts',
  scope: 'directory',
  resources: [anyResource],
  params: [
    messageTypeParam(true, 'The message type.'),
    {
      name: 'FolderId',
      type: 'string',
      doc: 'A folder (`fd-…`, or the Root folder `r-…`): only the accounts of its subtree. Default: the whole directory.',
      checks: [{ code: 'InvalidParameter.FolderId', rule: '`fd-` or `r-` followed by letters or digits', test: (v: string) => idPattern.folder.test(v) || idPattern.rootFolder.test(v) }],
    },
    pageNumberParam,
    pageSizeParam,
  ],
  errors: ['MissingParameter.MessageType', 'InvalidParameter.MessageType', 'InvalidParameter.FolderId', 'InvalidParameter.PageNumber', 'InvalidParameter.PageSize', 'EntityNotExists.ResourceDirectory', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    const page = await ctx.services.recipients.uncovered(ctx.directory, p.FolderId, p.MessageType, p.PageNumber, p.PageSize);
    return {
      Accounts: page.rows.map((a) => ({ AccountId: a.accountId, DisplayName: a.displayName, FolderId: a.folderId })),
      TotalCount: page.total,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
    };
  },
});
