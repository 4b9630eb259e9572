import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { DirectorySettings } from '../records.js';

/** A directory's member settings; a directory without a row has both Disabled. */
export class DirectorySettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async settingsOf(directoryId: string): Promise<DirectorySettings> {
    const row = await this.db.selectFrom('directory_settings').selectAll().where('directory_id', '=', directoryId).executeTakeFirst();
    return { memberDeletionStatus: row?.member_deletion_status ?? 'Disabled', displayNameSyncStatus: row?.display_name_sync_status ?? 'Disabled' };
  }

  async save(directoryId: string, settings: DirectorySettings): Promise<void> {
    const row = { directory_id: directoryId, member_deletion_status: settings.memberDeletionStatus, display_name_sync_status: settings.displayNameSyncStatus };
    await this.db
      .insertInto('directory_settings')
      .values(row)
      .onConflict((oc) => oc.column('directory_id').doUpdateSet({ member_deletion_status: row.member_deletion_status, display_name_sync_status: row.display_name_sync_status }))
      .execute();
  }

  async remove(directoryId: string): Promise<void> {
    await this.db.deleteFrom('directory_settings').where('directory_id', '=', directoryId).execute();
  }
}
