import { treeDate } from '../../domain/dates.js';
import { account } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { includeTagsParam, requiredAccountId, unreachableBecause } from './params.js';
import { plainTags } from './render.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'GetAccount',
  // EntityNotExists.Account answers before EntityNotExists.ResourceDirectory (the error table's order).
  scope: 'tenant',
  resources: [account('AccountId')],
  params: [requiredAccountId({ name: 'AccountId', doc: 'The ID of the member account (16 digits).' }), includeTagsParam],
  errors: ['MissingParameter.AccountId', 'InvalidParameter.AccountId', 'EntityNotExists.Account', 'EntityNotExists.ResourceDirectory'],
  unreachable: { 'EntityNotExists.ResourceDirectory': unreachableBecause.accountFirst },
  async handle(p, ctx) {
    const a = await ctx.services.accounts.get(ctx.tenant, p.AccountId, p.IncludeTags);
    return {
      Account: {
        AccountId: a.id,
        AccountName: a.accountName,
        DisplayName: a.displayName,
        // Accounts created here have no email change, phone or real-name verification of their own.
        EmailStatus: '',
        FolderId: a.folderId,
        HasSecureMobilePhone: false,
        IdentityInformation: '',
        JoinMethod: a.joinMethod,
        JoinTime: treeDate(a.joinTime),
        Location: a.location,
        ModifyTime: treeDate(a.modifyTime),
        ResourceDirectoryId: a.directoryId,
        ResourceDirectoryPath: a.path,
        SecureMobilePhone: '',
        Status: a.status,
        Tags: plainTags(a.tags),
        Type: a.type,
      },
    };
  },
});
