/**
 * At most `perDirectory` writes to one directory at once on this node; later ones wait here, in arrival
 * order, holding nothing. Used where the store's lock waits hold pooled connections (StoreTraits
 * lockWaitsHoldConnections: PostgreSQL): the writes of one directory queue on its row anyway, and queued
 * there each would hold a connection, until a burst of AddMessageContact took the whole pool and every
 * other call of the node waited 5 s for a connection and failed (`npm run soak`). Queued here, they cost
 * nothing, and the database still orders them across nodes.
 */
export class DirectoryWriters {
  private readonly queues = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly perDirectory: number) {}

  async run<T>(directoryId: string, write: () => Promise<T>): Promise<T> {
    if (this.perDirectory === Infinity) return write();
    let queue = this.queues.get(directoryId);
    if (!queue) this.queues.set(directoryId, (queue = { running: 0, waiting: [] }));
    if (queue.running >= this.perDirectory) await new Promise<void>((go) => queue.waiting.push(go));
    else queue.running++;
    try {
      return await write();
    } finally {
      const next = queue.waiting.shift();
      // A turn passes straight to the next waiter (running stays as it is); the last one out removes the queue.
      if (next) next();
      else if (--queue.running === 0) this.queues.delete(directoryId);
    }
  }
}
