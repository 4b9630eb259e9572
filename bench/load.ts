/**
 * The load generator, run as its own process so it never shares a CPU budget with the server under test:
 * autocannon with N connections, each request V3-signed in setupRequest with a fresh nonce and time. The
 * same code drives rdcontacts and the bare node:http baseline, so both pay the same signing work.
 *
 * Input: one JSON LoadSpec as argv[2]. Output: one JSON LoadResult line on stdout.
 */
import autocannon from 'autocannon';
import { signV3, type Credentials } from './signing.js';

export interface LoadSlot {
  creds: Credentials;
  action: string;
  /** Business parameters; `{unique}` in a value becomes a fresh run of letters per request. */
  params: Record<string, string>;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  /** Connection i sends slot i % slots.length, so concurrent writers can be kept on separate contacts. */
  slots: LoadSlot[];
  /** Letters that start every `{unique}` value (distinct per run, so names never repeat). */
  uniquePrefix?: string;
}

export interface LoadResult {
  /** 2xx answers per second: the figure compared with the baseline. */
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  /** Answers by status code, for the report of what was refused (e.g. 429 under contention). */
  statuses: Record<string, number>;
}

function letters(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  let counter = 0;
  let clientIndex = 0;
  const statuses: Record<string, number> = {};
  const requestFor = (slot: LoadSlot) => ({
    method: 'POST' as const,
    path: '/',
    setupRequest: (req: Record<string, unknown>) => {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(slot.params)) params[k] = v.includes('{unique}') ? v.replace('{unique}', (spec.uniquePrefix ?? 'u') + letters(counter++)) : v;
      const signed = signV3(slot.creds, url.host, slot.action, params);
      return { ...req, method: signed.method, path: signed.path, headers: signed.headers };
    },
    onResponse: (status: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    },
  });
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    requests: [requestFor(spec.slots[0]!)],
    setupClient: (client: any) => {
      client.setRequests([requestFor(spec.slots[clientIndex++ % spec.slots.length]!)]);
    },
  } as autocannon.Options);
  const ok = result['2xx'];
  return {
    rps: ok / (result.duration || spec.durationSec),
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const spec = JSON.parse(process.argv[2]!) as LoadSpec;
  runLoad(spec).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (err) => {
      process.stderr.write(String(err?.stack ?? err) + '\n');
      process.exit(1);
    },
  );
}
