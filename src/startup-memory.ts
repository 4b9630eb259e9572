import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

interface GcOptions {
  type: 'major';
  execution: 'sync';
  flavor: 'last-resort';
}

/**
 * Hands the memory start-up used and no longer needs back to the system, once, when the server is serving.
 *
 * Start-up allocates far more than it keeps (the bundle's top-level code, Fastify's and Kysely's set-up, the
 * migrations, the first jobs), and V8 keeps what it grew: its young generation stays at the size the burst
 * of start-up allocations grew it to, and the pages its scavenges emptied stay pooled rather than returned.
 * Only a garbage collection made to reduce memory gives them back, and V8 schedules one (its memory reducer)
 * only after a full collection, which an idle server may never make: so the server sat at its start-up
 * peak. A last-resort collection is that collection; it takes tens of milliseconds, once. Under load the
 * young generation grows back as V8 sees fit, as it did before: only the idle footprint changes.
 *
 * V8 gives JavaScript its collector only when asked to (`--expose-gc`); that flag is set for the one context
 * created here, which provides `gc`, and unset again, so no other code sees a `gc` global.
 */
export function returnStartupMemory(): void {
  const exposed = (globalThis as { gc?: (options: GcOptions) => void }).gc;
  let gc = exposed;
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    try {
      gc = runInNewContext('gc') as (options: GcOptions) => void;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
