import { MESSAGE_TYPES } from './contact-rules.js';
import type { Store } from '../store/store.js';
import type { ResourceDirectory } from './directory.js';

export interface DirectorySummary {
  /** Folders below Root. */
  folders: number;
  accounts: number;
  contactsByStatus: Array<{ status: string; count: number }>;
  /** For each message type, how many accounts nobody receives it for (as ListUncoveredAccounts counts them). */
  uncovered: Array<{ messageType: string; count: number }>;
}

/** A directory at a glance, counted by the store: a few count queries, whatever the size of the tree. */
export class DirectorySummaryService {
  constructor(private readonly store: Store) {}

  async summary(rd: ResourceDirectory): Promise<DirectorySummary> {
    const [folders, accounts, contactsByStatus, uncovered] = await Promise.all([
      this.store.folders.countFolders(rd.id),
      this.store.accounts.countAccounts(rd.id),
      this.store.contacts.countByStatus(rd.id),
      Promise.all(MESSAGE_TYPES.map(async (messageType) => ({ messageType, count: await this.store.recipients.uncoveredCount(rd.id, { kind: 'directory' }, messageType) }))),
    ]);
    return { folders: folders - 1, accounts, contactsByStatus, uncovered };
  }
}
