import type { CoveragePair, RetainedContact } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * Who receives what: contact C covers member account M for message type T when C is Active, receives T,
 * and is bound to M, to a folder above M, or to the directory. Always derived from the current tree.
 */
export class CoverageService {
  constructor(private readonly store: Store) {}

  /** The (account, message type) pairs a contact covers now. */
  coverageOf(contactId: string): Promise<CoveragePair[]> {
    return this.store.coverage.coverageOf(contactId);
  }

  /** The Active contacts covering an account, as (contact, message type) pairs. */
  coveringContacts(accountId: string): Promise<Array<{ contactId: string; messageType: string }>> {
    return this.store.coverage.coveringContacts(accountId);
  }

  /** Contacts an account kept from deletions with RetainContactInMembers=true. */
  retainedOf(accountId: string): Promise<RetainedContact[]> {
    return this.store.coverage.retainedOf(accountId);
  }
}
