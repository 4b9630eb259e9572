import { contactArn } from '../auth/resources.js';
import type { OperationContext } from './operation.js';

/**
 * Of the contacts `contactIds` loads, those the caller may not read with this operation: a list across
 * contacts leaves them out (of its page and of its count), so a Deny on one contact is not bypassed by
 * listing them all. Each contact is decided as its own ARN against the caller's policies; a root key may read
 * them all, so for it the IDs (every contact of the directory) are not even loaded.
 */
export async function hiddenContacts(ctx: OperationContext, contactIds: () => Promise<readonly string[]>): Promise<string[]> {
  if (ctx.caller.key.principal.type === 'Root') return [];
  return (await contactIds()).filter((id) => !ctx.permits(contactArn(ctx.tenant, id)));
}
