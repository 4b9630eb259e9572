import type { DirectorySettings } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';

export type { DirectorySettings };

/** `Enabled` or `Disabled`: the values of both member settings. */
export type Switch = 'Enabled' | 'Disabled';

/**
 * A directory's member settings: whether members may be deleted (SetMemberDeletionPermission, which
 * DeleteAccount and CheckAccountDelete require) and whether members' display names are synchronised.
 */
export class DirectorySettingsService {
  constructor(private readonly store: Store) {}

  get(rd: ResourceDirectory): Promise<DirectorySettings> {
    return this.store.settings.settingsOf(rd.id);
  }

  /** Changes one setting, keeping the other, under the directory's lock. */
  change(rd: ResourceDirectory, change: Partial<DirectorySettings>): Promise<DirectorySettings> {
    return this.store.transaction(async (tx) => {
      await tx.directories.lockDirectory(rd.id);
      const settings = { ...(await tx.settings.settingsOf(rd.id)), ...change };
      await tx.settings.save(rd.id, settings);
      return settings;
    });
  }
}
