import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Binding } from '../records.js';

/** Direct bindings of contacts to the directory, its folders and its member accounts. */
export class BindingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Bindings of each contact, oldest first. */
  async bindingsOf(contactIds: readonly string[]): Promise<Map<string, Binding[]>> {
    const out = new Map<string, Binding[]>(contactIds.map((id) => [id, []]));
    if (contactIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('contact_bindings')
      .select(['contact_id as contactId', 'member_id as memberId', 'directory_id as directoryId', 'folder_id as folderId', 'account_id as accountId', 'created_at as createdAt', 'position'])
      .where('contact_id', 'in', [...contactIds])
      .orderBy('created_at')
      .orderBy('position')
      .execute();
    for (const row of rows) out.get(row.contactId)!.push(row);
    return out;
  }

  async count(contactId: string): Promise<number> {
    const row = await this.db.selectFrom('contact_bindings').select((eb) => eb.fn.countAll().as('n')).where('contact_id', '=', contactId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Adds bindings; one that exists already is kept as it is. */
  async bind(bindings: readonly Binding[]): Promise<void> {
    if (bindings.length === 0) return;
    await this.db
      .insertInto('contact_bindings')
      .values(
        bindings.map((b) => ({
          contact_id: b.contactId,
          member_id: b.memberId,
          directory_id: b.directoryId,
          folder_id: b.folderId,
          account_id: b.accountId,
          created_at: b.createdAt,
          position: b.position,
        })),
      )
      .onConflict((oc) => oc.columns(['contact_id', 'member_id']).doNothing())
      .execute();
  }

  async unbind(contactId: string, memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await this.db.deleteFrom('contact_bindings').where('contact_id', '=', contactId).where('member_id', 'in', [...memberIds]).execute();
  }

  /** Which of these folder IDs are folders of the directory. */
  async existingFolders(directoryId: string, folderIds: readonly string[]): Promise<Set<string>> {
    if (folderIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('folders').select('id').where('directory_id', '=', directoryId).where('id', 'in', [...folderIds]).execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Which of these account IDs are member accounts of the directory. */
  async existingAccounts(directoryId: string, accountIds: readonly string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('accounts').select('id').where('directory_id', '=', directoryId).where('id', 'in', [...accountIds]).execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Drops the bindings to members that leave the tree (a deleted folder, a removed account). */
  async unbindMembers(memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await this.db.deleteFrom('contact_bindings').where('member_id', 'in', [...memberIds]).execute();
  }
}
