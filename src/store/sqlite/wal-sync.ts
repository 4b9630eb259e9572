import { closeSync, fdatasync, openSync } from 'node:fs';
import { StoreUnavailableError } from '../../errors/store-error.js';

/**
 * Makes what was committed to the SQLite file's WAL durable without blocking the event loop. A commit with
 * synchronous=NORMAL writes its frames to the WAL (into the OS's cache) and returns; this then flushes the
 * WAL file to disk with fdatasync on libuv's thread pool, which is what synchronous=FULL does inside the
 * commit, on the event loop: 7–16 ms every ~50 ms under load (docs/performance.md, p99). The WAL is
 * appended in commit order, so one flush makes every frame written before it durable, and the flushes of
 * concurrent callers are shared (`coalesced`).
 *
 * The file is the one SQLite keeps while any connection has the database open: it is truncated or rewritten
 * from its start in place, never replaced, until the last connection closes (then `close` this first).
 */
export function walSync(walFile: string): { sync: () => Promise<void>; close: () => void } {
  const fd = openSync(walFile, 'r');
  const sync = coalesced(
    () =>
      new Promise<void>((resolve, reject) =>
        fdatasync(fd, (err) => (err ? reject(new StoreUnavailableError(`the disk did not flush the SQLite WAL (${err.code ?? err.message}): what was committed may not survive a power cut`, { cause: err })) : resolve())),
      ),
  );
  return { sync, close: () => closeSync(fd) };
}

/**
 * `flush` shared between callers: each call resolves after a flush that began after the call (so it covers
 * whatever the caller wrote before calling), and settles as that flush does. A call made while a flush runs
 * waits for the next one, which then serves every call made meanwhile: at most one runs, and one waits.
 */
export function coalesced(flush: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const current = flush();
    running = current;
    const clear = () => {
      if (running === current) running = undefined;
    };
    current.then(clear, clear);
    return current;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
