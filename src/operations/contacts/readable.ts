import { contactArn } from '../../auth/resources.js';
import type { DirectoryContext } from '../operation.js';

/**
 * The directory's contacts the caller may not read with this operation: a list across contacts leaves them
 * out (of its page and of its TotalCount), so a Deny on one contact is not bypassed by listing them all.
 * Each contact is decided as its own ARN against the caller's policies; a root key may read them all.
 */
export async function hiddenContacts(ctx: DirectoryContext): Promise<string[]> {
  if (ctx.caller.key.principal.type === 'Root') return [];
  const ids = await ctx.services.contacts.idsOf(ctx.directory);
  return ids.filter((id) => !ctx.permits(contactArn(ctx.tenant, id)));
}
