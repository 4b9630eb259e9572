import { ApiError } from '../errors/api-error.js';
import type { Store } from '../store/store.js';

/**
 * Runs a write that gives a contact `name`; when it fails and the name is used by another contact of the
 * directory (already there, or written by a concurrent Add or rename: the unique index refused it), answers
 * InvalidParameter.Name.AlreadyUsed instead of the write's error.
 */
export async function refusingUsedName<T>(store: Store, directoryId: string, name: string, write: () => Promise<T>, exceptContactId?: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (await store.contacts.nameUsed(directoryId, name, exceptContactId)) throw new ApiError('InvalidParameter.Name.AlreadyUsed');
    throw err;
  }
}
