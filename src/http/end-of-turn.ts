import type { ServerResponse } from 'node:http';

/** At most this many answers wait for the turn's end: the first of them should not wait for hundreds more. */
export const MOST_WAITING = 32;

/**
 * The API's answers sent together at the end of the event loop's turn (its check phase, after every request
 * that arrived for the turn has been handled), rather than one by one as each is ready.
 *
 * Why: a `write(2)` to a loopback socket whose reader sleeps wakes the reader's core, inside our syscall; on a
 * virtual machine waking a halted vCPU goes through the hypervisor, ~8–15 µs a time on the bench's VM. A
 * client on the same host (the SDK, the CLI or Terraform in CI, a sidecar) sleeps between answers that come
 * ~100 µs apart, so every answer paid for a wake-up; sent back to back, the first wakes the reader and the
 * rest find it awake. GetMessageContact's CPU per call fell from ~100 to ~68 µs (docs/performance.md, ninth
 * round). The syscalls are the same in number, so across a network this changes little either way.
 *
 * An answer waits at most for the rest of its turn: at most MOST_WAITING answers (each ~70 µs of work), then
 * they go at once. The status and headers are set when the answer is ready (`writeHead` writes nothing, so a
 * bad header still throws to the caller, where it is answered as before); only the `end` waits. Order is kept,
 * so pipelined answers on one connection go in the order node:http expects them.
 */
export function endOfTurnSender(onError: (err: unknown) => void): (res: ServerResponse, body: string) => void {
  const waiting: Array<ServerResponse | string> = [];

  function sendAll(): void {
    // Taken before ending any: an `end` that answers synchronously into a new request cannot grow this batch.
    const batch = waiting.splice(0);
    for (let i = 0; i < batch.length; i += 2) {
      try {
        (batch[i] as ServerResponse).end(batch[i + 1] as string);
      } catch (err) {
        // One answer that cannot be sent must not leave the rest of the batch unsent.
        onError(err);
      }
    }
  }

  return (res, body) => {
    waiting.push(res, body);
    if (waiting.length === 2) setImmediate(sendAll);
    else if (waiting.length === MOST_WAITING * 2) sendAll();
  };
}
