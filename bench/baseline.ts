/**
 * One measured run of the bare node:http baseline (bench/baseline-server.mjs): started on the server's
 * core, warmed up and measured with wrk replaying a file of requests, then stopped. The operations
 * scenario runs it beside every operation, the floor scenario with work added per request.
 */
import { startBaseline } from './processes.js';
import { runWrk, writeRequests, type RequestTemplate, type WrkResult } from './wrk.js';

/** Requests the baseline replays: it verifies nothing, so they can repeat. */
const BASELINE_REQUESTS = 20_000;

export interface BaselineRun {
  bodyBytes: number;
  /** µs of CPU the baseline busy-waits per request before answering (0: bare node:http). */
  workUs?: number;
  templates: readonly RequestTemplate[];
  /** What `{unique}` values in the templates start with. */
  prefix: string;
  requestsFile: string;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

export async function measureBaseline(run: BaselineRun): Promise<WrkResult> {
  const baseline = await startBaseline(run.bodyBytes, run.workUs);
  try {
    writeRequests(run.requestsFile, baseline.url, run.templates, BASELINE_REQUESTS, run.prefix);
    const wrk = (durationSec: number) =>
      runWrk({ url: baseline.url, serverPid: baseline.pid, file: run.requestsFile, mode: 'cycle', connections: run.connections, durationSec });
    await wrk(run.warmupSec);
    return await wrk(run.durationSec);
  } finally {
    await baseline.stop();
  }
}
