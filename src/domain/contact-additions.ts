import { ApiError } from '../errors/api-error.js';
import { StoreError } from '../errors/store-error.js';
import type { NewContactRows } from '../store/records.js';
import type { Store } from '../store/store.js';
import { refusingUsedName } from './contact-names.js';
import { DirectoryWriters } from './directory-writers.js';

/** Additions written in one transaction at most; more waiting go in the next. */
const MAX_BATCH = 64;

interface Waiting {
  addition: NewContactRows;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Thrown inside a batch's transaction to roll it back, so that its additions are written one by one. */
class OneByOne extends Error {}

/**
 * AddMessageContact's writes. Additions to one directory queue on its row (the contact count each changes;
 * on PostgreSQL one at a time per node, directory-writers.ts), and each paid a transaction of its own: on
 * PostgreSQL six round trips and a commit, most of an Add's cost under load. Where a batch's rows are one
 * statement per table (StoreTraits arrayParameters: PostgreSQL), those that wait for the directory together
 * (arrived in one turn of the event loop, or while the one before was written) are written in one
 * transaction, and each caller gets the answer it would have had alone, in arrival order:
 * - a name used, in the directory or by an addition before it in the batch, refuses that addition alone
 *   (InvalidParameter.Name.AlreadyUsed);
 * - a directory that is gone refuses all of them (EntityNotExists.ResourceDirectory), and a store that is
 *   busy or unavailable fails all of them, as it would each;
 * - a batch that would pass the directory's contact limit, or whose statements fail otherwise (a value the
 *   database refuses), is rolled back and its additions written one by one: the limit then refuses the
 *   later ones only, a bad value its own addition only;
 * - no addition is answered before the batch's commit is durable; a commit that fails fails them all.
 * On SQLite each addition stays a transaction of its own: statements there cost no round trip, the group
 * commit already shares the commit (sqlite/group-commit.ts), and a batch written row by row (an INSERT …
 * ON CONFLICT DO NOTHING RETURNING per contact, to learn which names were used) measured slower than
 * each in its own savepoint (186 → 257 µs of CPU per Add under load, docs/performance.md).
 */
export class ContactAdditions {
  /** Per directory, the additions not yet taken into a batch; an entry has exactly one write pending. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly writers: DirectoryWriters;

  constructor(
    private readonly store: Store,
    private readonly maxContactsPerDirectory: number,
  ) {
    this.writers = new DirectoryWriters(store.traits.lockWaitsHoldConnections ? 1 : Infinity);
  }

  /** Resolves once the contact is added and durable; rejects with what the Add answers instead. */
  add(addition: NewContactRows): Promise<void> {
    const directoryId = addition.contact.directoryId;
    if (!this.store.traits.arrayParameters) return this.writers.run(directoryId, () => this.insertAlone(addition));
    return new Promise((resolve, reject) => {
      let queue = this.waiting.get(directoryId);
      if (!queue) {
        this.waiting.set(directoryId, (queue = []));
        this.writeLater(directoryId);
      }
      queue.push({ addition, resolve, reject });
    });
  }

  /** After this turn's I/O callbacks (so the turn's other additions join), then in the directory's turn among its writers. */
  private writeLater(directoryId: string): void {
    setImmediate(() => {
      let batch: Waiting[] = [];
      this.writers
        .run(directoryId, () => {
          // Taken only now: what arrived while this write waited for the directory joins it.
          const queue = this.waiting.get(directoryId)!;
          batch = queue.splice(0, MAX_BATCH);
          if (queue.length === 0) this.waiting.delete(directoryId);
          else this.writeLater(directoryId);
          return batch.length === 1 ? this.writeOne(batch[0]!) : this.writeBatch(directoryId, batch);
        })
        .catch((err: unknown) => {
          for (const w of batch) w.reject(err);
        });
    });
  }

  /** One addition in its own transaction; it settles `w`. */
  private async writeOne(w: Waiting): Promise<void> {
    try {
      await this.insertAlone(w.addition);
      w.resolve();
    } catch (err) {
      w.reject(err);
    }
  }

  private insertAlone({ contact, messageTypes, pending }: NewContactRows): Promise<void> {
    return refusingUsedName(this.store, contact.directoryId, contact.name, () =>
      this.store.transaction(async (tx) => {
        // No name check of its own: the directory's unique index (contacts_directory_name) refuses a used
        // name, the transaction rolls back, and AlreadyUsed is answered (before the limit, in the order of
        // Add's error table). The insert counts the contact last, under the directory's row lock: one past
        // the limit rolls back.
        this.checkCount(await tx.contacts.insert(contact, messageTypes, pending));
      }),
    );
  }

  /** Additions to one directory in one transaction, or one by one when the batch cannot be; it settles each. */
  private async writeBatch(directoryId: string, batch: Waiting[]): Promise<void> {
    let inserted: ReadonlySet<string>;
    let committing = false;
    try {
      inserted = await this.store.transaction(async (tx) => {
        const written = await tx.contacts.insertMany(directoryId, batch.map((w) => w.addition));
        if (written.contactCount !== undefined && written.contactCount > this.maxContactsPerDirectory) throw new OneByOne();
        this.checkCount(written.contactCount);
        committing = true;
        return written.inserted;
      });
    } catch (err) {
      if (committing || err instanceof ApiError || err instanceof StoreError) {
        for (const w of batch) w.reject(err);
        return;
      }
      for (const w of batch) await this.writeOne(w);
      return;
    }
    for (const w of batch) {
      if (inserted.has(w.addition.contact.id)) w.resolve();
      else w.reject(new ApiError('InvalidParameter.Name.AlreadyUsed'));
    }
  }

  /** The directory's count after an insert: refuses a directory that is gone, or one past its contact limit. */
  private checkCount(contactCount: number | undefined): void {
    if (contactCount === undefined) throw new ApiError('EntityNotExists.ResourceDirectory');
    if (contactCount > this.maxContactsPerDirectory) throw new ApiError('LimitExceeded.Contacts');
  }
}
