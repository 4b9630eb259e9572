import { principalArn } from '../../auth/keys.js';
import { numericIdOf } from '../../auth/roles.js';
import { STS_2015, defineOperation } from '../operation.js';

export default defineOperation({
  ...STS_2015,
  action: 'GetCallerIdentity',
  scope: 'tenant',
  resources: [],
  ramExempt: 'anyone who signs a request may ask who they are, as in STS',
  params: [],
  errors: ['InternalError'],
  unreachable: { InternalError: 'only a bug answers it' },
  async handle(_p, ctx) {
    const { principal } = ctx.caller.key;
    const Arn = principalArn(principal);
    const AccountId = principal.accountId;
    if (principal.type === 'Root') return { IdentityType: 'Account', AccountId, UserId: AccountId, PrincipalId: AccountId, Arn };
    if (principal.type === 'SubUser') {
      const userId = numericIdOf(`user:${AccountId}/${principal.name.toLowerCase()}`);
      return { IdentityType: 'RAMUser', AccountId, UserId: userId, PrincipalId: userId, Arn };
    }
    const [role, session] = [principal.name.slice(0, principal.name.indexOf(':')), principal.name.slice(principal.name.indexOf(':') + 1)];
    const roleId = numericIdOf(`role:${AccountId}/${role.toLowerCase()}`);
    return { IdentityType: 'AssumedRoleUser', AccountId, RoleId: roleId, PrincipalId: `${roleId}:${session}`, Arn };
  },
});
