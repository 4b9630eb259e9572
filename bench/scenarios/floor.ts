/**
 * The floor: what a ratio to bare node:http leaves our code per request. The baseline is run as the
 * operations scenario runs it, but busy-waiting a given number of µs per request before answering (0, 10,
 * 20, … µs), and each run's req/s is divided by the bare run's of the same round. The ratio does not fall
 * as 1 / (1 + work ÷ 15 µs): the slower the server, the more kernel work every response costs, so the
 * work that reaches a target ratio is measured here, not computed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measureBaseline } from '../baseline.js';
import { ROOT_TENANT } from '../environment.js';
import { cpuPerRequest, median } from '../report.js';
import { verdict, type RequestTemplate, type WrkResult } from '../wrk.js';

export const FLOOR_WORK_US = [0, 10, 20, 30, 40, 60, 80, 120, 160];
export const QUICK_FLOOR_WORK_US = [0, 20, 60, 120];

/** The targets, as ratios to bare node:http. */
export const FLOOR_TARGETS = [
  { ratio: 0.3, what: 'GetMessageContact' },
  { ratio: 0.2, what: 'ListMessageContacts by Member' },
  { ratio: 0.18, what: 'AddMessageContact' },
  { ratio: 0.12, what: 'GetMessageContact, PostgreSQL' },
  { ratio: 0.06, what: 'AddMessageContact, PostgreSQL' },
] as const;

/** About GetMessageContact's answer (309 B); the baseline's req/s hardly depends on it. */
const BODY_BYTES = 300;
/** Any signed request does: the baseline reads none of it. */
const TEMPLATES: RequestTemplate[] = [{ creds: ROOT_TENANT.creds, action: 'GetMessageContact', params: { ContactId: 'c-floor' } }];

export interface FloorFigures {
  workUs: number;
  /** One run per round. */
  runs: WrkResult[];
}

export interface FloorOptions {
  workDir: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
  workUs: readonly number[];
}

export async function runFloor(options: FloorOptions): Promise<FloorFigures[]> {
  const dir = join(options.workDir, 'floor');
  mkdirSync(dir, { recursive: true });
  const requestsFile = join(dir, 'requests.http');
  // The bare run comes first in every round: the others' ratios are to it.
  const figures: FloorFigures[] = [0, ...options.workUs.filter((w) => w !== 0)].map((workUs) => ({ workUs, runs: [] }));
  const { connections, warmupSec, durationSec } = options;
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const fig of figures) {
        const run = await measureBaseline({ bodyBytes: BODY_BYTES, workUs: fig.workUs, templates: TEMPLATES, prefix: '', requestsFile, connections, warmupSec, durationSec });
        fig.runs.push(run);
        process.stderr.write(
          `  work ${fig.workUs} µs round ${round + 1}: ${run.rps.toFixed(0)} req/s, ${cpuPerRequest(run).toFixed(1)} µs CPU per request, ` +
            `ratio ${(run.rps / figures[0]!.runs[round]!.rps).toFixed(3)}; ${verdict(run)}; load ${run.loadBefore.toFixed(2)}\n`,
        );
      }
    }
    return figures;
  } finally {
    rmSync(requestsFile, { force: true });
  }
}

export interface FloorRow {
  workUs: number;
  rps: number;
  cpuUs: number;
  ratio: number;
  runs: number;
  validRuns: number;
  /** No run of this amount (or, for the ratio, no pair with the bare run) was valid: medians over all. */
  invalid: boolean;
}

/**
 * Medians per work amount: req/s and CPU over its valid runs, the ratio over the rounds where both it and
 * the bare run were valid; over every run, marked invalid, when none is.
 */
export function floorRows(figures: readonly FloorFigures[]): FloorRow[] {
  const bare = figures[0]!.runs;
  return figures.map((f) => {
    const validRuns = f.runs.filter((r) => r.valid);
    const runs = validRuns.length > 0 ? validRuns : f.runs;
    const pairs = f.runs.map((r, i) => ({ ratio: r.rps / bare[i]!.rps, valid: r.valid && bare[i]!.valid }));
    const validPairs = pairs.filter((p) => p.valid);
    return {
      workUs: f.workUs,
      rps: median(runs.map((r) => r.rps)),
      cpuUs: median(runs.map(cpuPerRequest)),
      ratio: median((validPairs.length > 0 ? validPairs : pairs).map((p) => p.ratio)),
      runs: f.runs.length,
      validRuns: validRuns.length,
      invalid: validRuns.length === 0 || validPairs.length === 0,
    };
  });
}

/**
 * The work per request at which the ratio falls to `target`, interpolated linearly between the two
 * measured amounts around it (the first such pair, by work); undefined when even the most work measured
 * stays above it.
 */
export function workForRatio(rows: readonly FloorRow[], target: number): number | undefined {
  const sorted = [...rows].sort((a, b) => a.workUs - b.workUs);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [a, b] = [sorted[i]!, sorted[i + 1]!];
    if (a.ratio >= target && b.ratio <= target) return a.ratio === b.ratio ? a.workUs : a.workUs + ((a.ratio - target) / (a.ratio - b.ratio)) * (b.workUs - a.workUs);
  }
  return undefined;
}
