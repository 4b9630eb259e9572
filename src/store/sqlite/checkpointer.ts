import { Worker } from 'node:worker_threads';
import type { SqliteLibrary } from './library.js';

/** How often the checkpointer looks for new commits. */
const INTERVAL_MS = 200;

/**
 * The worker's code (a script, so that the one-file bundle needs no second entry): its own connection to the
 * database runs a PASSIVE checkpoint whenever commits were made since the last one. synchronous=NORMAL is
 * what a checkpoint needs: the WAL is flushed before pages are copied into the database file, and the
 * database file after, before the WAL can be reused.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { file, library, modulePath, commits, intervalMs } = workerData;
const db = library === 'node:sqlite' ? new (process.getBuiltinModule('node:sqlite').DatabaseSync)(file) : new (require(modulePath))(file);
db.exec('pragma busy_timeout = 5000');
db.exec('pragma synchronous = NORMAL');
let seen = 0;
const timer = setInterval(() => {
  const now = Atomics.load(commits, 0);
  if (now === seen) return;
  seen = now;
  db.exec('pragma wal_checkpoint(PASSIVE)');
}, intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that fills the WAL
 * past 1,000 pages: it copies them into the database file and flushes it, on the event loop, for several
 * milliseconds every few hundred milliseconds under load (docs/performance.md, p99). The store's connection
 * has it off (wal_autocheckpoint=0) and this worker thread checkpoints instead, with a connection of its own.
 * A PASSIVE checkpoint takes no lock that writers or readers wait for; the WAL is reused from its start by the
 * first write after a checkpoint that copied everything.
 *
 * The worker starts at the first commit (an idle server keeps its memory), and if it fails the store's
 * connection checkpoints by itself again (`fallBack`), so the WAL never grows without bound.
 */
export class Checkpointer {
  /** Commits so far, shared with the worker: it checkpoints when the count moved. */
  private readonly commits = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | undefined;
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly library: SqliteLibrary,
    private readonly modulePath: string | undefined,
    private readonly fallBack: (err: Error) => void,
  ) {}

  /** Told after each commit. */
  committed(): void {
    Atomics.add(this.commits, 0, 1);
    if (!this.worker && !this.failed) this.worker = this.start();
  }

  private start(): Worker {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { file: this.file, library: this.library, modulePath: this.modulePath, commits: this.commits, intervalMs: INTERVAL_MS },
      // Its heap holds a timer and a connection.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
    worker.unref();
    worker.once('error', (err) => {
      this.failed = true;
      this.worker = undefined;
      this.fallBack(err);
    });
    return worker;
  }

  /** Closes the worker's connection (before the store's own, which then checkpoints what is left). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Unreferenced, it would not keep the process alive while its connection closes.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }
}
