/** The markdown of a benchmark run: the machine, then one table per scenario. */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { OperationFigures } from './scenarios/operations.js';
import type { GrowthFigures } from './scenarios/growth.js';
import type { ConsoleFigures } from './scenarios/console.js';
import { FLOOR_TARGETS, floorRows, workForRatio, type FloorFigures } from './scenarios/floor.js';
import type { StartupFigures } from './startup.js';
import { pct, VALID_SHARE, type WrkResult } from './wrk.js';

export interface RunReport {
  startedAt: Date;
  store: string;
  quick: boolean;
  settings: string;
  operations?: { figures: OperationFigures[]; idleRss: number };
  growth?: GrowthFigures[];
  console?: ConsoleFigures;
  startup?: StartupFigures;
  floor?: FloorFigures[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The value below which a share `p` (0–1) of the values fall. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** CPU time of the measured process (with its PostgreSQL backends) per request it answered, in µs. */
export const cpuPerRequest = (w: WrkResult) => (w.serverCpu / w.rps) * 1e6;
/** Of cpuPerRequest, the PostgreSQL backends' µs (0 where they were not counted). */
const databasePerRequest = (w: WrkResult) => ((w.databaseCpu ?? 0) / w.rps) * 1e6;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0) + ' MB';
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0)) + ' ms';

export function machineDescription(): string {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GB; OS: ${type()} ${release()}; Node.js ${process.version}`,
    `- load average at the end of the run: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (the machine is shared: figures are noisy)`,
  ].join('\n');
}

export function renderReport(r: RunReport): string {
  const out: string[] = [];
  out.push(`# Benchmark ${r.startedAt.toISOString()} (${r.store}${r.quick ? ', quick' : ''})`, '', machineDescription(), `- ${r.settings}`, '');
  if (r.operations) {
    const postgres = r.store === 'postgres';
    out.push(
      '## Signed calls at 50 connections, against the bare node:http baseline',
      '',
      `A run is **valid** when the server (or baseline) process used ≥ ${pct(VALID_SHARE)} of its core (CPU 0) and the generator's core (CPU 1) stayed below ${pct(VALID_SHARE)} busy. ` +
        'Ratio = rdcontacts 2xx req/s ÷ baseline req/s of the same round; a ratio counts as valid only when both runs are. Medians over the valid rounds (over all rounds, marked *invalid*, when none is valid).',
      ...(postgres
        ? [
            '',
            "On PostgreSQL the server's CPU is the server's and its PostgreSQL backends' together: the backends serving its connections are pinned to CPU 0 with it while it is measured, " +
              'as SQLite runs inside the process on its core, and a run in which the pool opened another backend is invalid. ' +
              "PostgreSQL's background processes (WAL writer, checkpointer) are neither pinned nor counted.",
          ]
        : []),
      '',
      `| operation | body | ratio | valid rounds | req/s | baseline req/s | p50 | p99 | non-2xx | server RSS | CPU µs per request (baseline) |${postgres ? ' of which PostgreSQL |' : ''} CPU ratio |`,
      `|---|---|---|---|---|---|---|---|---|---|---|---|${postgres ? '---|' : ''}`,
    );
    for (const f of r.operations.figures) {
      const valid = f.server.map((s, i) => s.valid && f.baseline[i]!.valid);
      const pick = <T,>(xs: T[]) => (valid.some(Boolean) ? xs.filter((_, i) => valid[i]) : xs);
      const ratios = pick(f.server.map((s, i) => s.rps / f.baseline[i]!.rps));
      const server = pick(f.server);
      const non2xx = f.server.reduce((n, s) => n + s.non2xx + s.socketErrors, 0);
      out.push(
        `| ${f.operation} | ${f.bodyBytes} B | ${median(ratios).toFixed(3)}${valid.some(Boolean) ? '' : ' *invalid*'} | ${valid.filter(Boolean).length} of ${valid.length} | ` +
          `${median(server.map((s) => s.rps)).toFixed(0)} | ${median(pick(f.baseline).map((s) => s.rps)).toFixed(0)} | ` +
          `${ms(median(server.map((s) => s.p50Ms)))} | ${ms(median(server.map((s) => s.p99Ms)))} | ${non2xx} | ${mb(f.serverPeakRss)} | ` +
          `${median(f.server.map(cpuPerRequest)).toFixed(0)} (${median(f.baseline.map(cpuPerRequest)).toFixed(0)}) | ` +
          `${postgres ? median(f.server.map(databasePerRequest)).toFixed(0) + ' | ' : ''}${median(f.server.map((s, i) => cpuPerRequest(f.baseline[i]!) / cpuPerRequest(s))).toFixed(3)} |`,
      );
    }
    out.push(
      '',
      `Server RSS after loading the fixtures, before any load: ${mb(r.operations.idleRss)}.`,
      '',
      'CPU µs per request: the process\'s CPU time over the requests it answered in the same window (medians over all rounds, valid or not); ' +
        '*CPU ratio* = baseline µs ÷ rdcontacts µs, an estimate of the ratio each would reach with a core of its own. It is not a measured throughput: ' +
        'on a busy machine shared cores and caches inflate both, so it stands in only where no run is valid.',
      '',
    );
    out.push(
      '### Every run',
      '',
      'CPU figures are shares of one core over the run (without its first and last half second): the process measured (rdcontacts or the baseline), wrk, and each core as a whole (whoever used it).' +
        (postgres ? " rdcontacts' process CPU and CPU µs per request include its PostgreSQL backends, whose part is given in brackets." : ''),
      '',
      '| operation | round | run | load before | req/s | p50 | p99 | process CPU | CPU µs per request | wrk CPU | CPU 0 busy | CPU 1 busy | verdict |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const f of r.operations.figures) {
      f.server.forEach((s, i) => {
        for (const [name, w] of [['baseline', f.baseline[i]!], ['rdcontacts', s]] as const) {
          const database = (part: string) => (w.databaseCpu === undefined ? '' : ` (PostgreSQL ${part})`);
          out.push(
            `| ${f.operation} | ${i + 1} | ${name} | ${w.loadBefore.toFixed(2)} | ${w.rps.toFixed(0)} | ${ms(w.p50Ms)} | ${ms(w.p99Ms)} | ` +
              `${pct(w.serverCpu)}${database(pct(w.databaseCpu ?? 0))} | ${cpuPerRequest(w).toFixed(0)}${database(databasePerRequest(w).toFixed(0))} | ${pct(w.wrkCpu)} | ` +
              `${pct(w.serverCoreBusy)} | ${pct(w.generatorCoreBusy)} | ${w.valid ? 'valid' : 'INVALID: ' + w.invalidBecause.join(', ')} |`,
          );
        }
      });
    }
    out.push('');
  }
  if (r.growth) {
    out.push(
      '## Cost as the directory grows',
      '',
      'Member accounts in 5 folder levels, contacts bound at every level. ListMessageContacts by Member: signed calls over HTTP, one at a time. ' +
        'Coverage of one account and the deletion check of the directory-wide contact: the store queries the server runs, timed in-process. ' +
        'Deletion end to end: DeleteMessageContact (RetainContactInMembers=false) until GetMessageContactDeletionStatus answers Failed.',
      '',
      '| accounts | folders | contacts | bindings | load time | List by Member p50 / p99 | coverage of one account p50 | deletion check p50 | deletion end to end | server RSS |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const g of r.growth) {
      out.push(
        `| ${g.accounts.toLocaleString('en')} | ${g.folders} | ${g.contacts} | ${g.bindings} | ${(g.loadMs / 1000).toFixed(1)} s | ${ms(g.listP50)} / ${ms(g.listP99)} | ${ms(g.coverageP50)} | ${ms(g.deletionCheckP50)} | ${ms(g.deletionEndToEndMs)} | ${mb(g.serverRss)} |`,
      );
    }
    out.push('');
  }
  if (r.growth) {
    out.push(
      '### Publishing notices',
      '',
      'On the same tree: ResolveMessageRecipients (ServiceMessage) for the deepest account, signed calls one at a time; PublishMessage (ServiceMessage) to the whole directory, ' +
        'median of 3: the time to its answer, and until no delivery of it is left Queued (captured in the outbox; the Queued ones counted in the store every 20 ms).',
      '',
      '| accounts | contacts | ResolveMessageRecipients p50 / p99 (recipients) | PublishMessage answered | every delivery recorded | accounts / recipients / deliveries of the message |',
      '|---|---|---|---|---|---|',
      ...r.growth.map((g) => {
        const p = g.publishing;
        return `| ${g.accounts.toLocaleString('en')} | ${g.contacts} | ${ms(p.resolveP50)} / ${ms(p.resolveP99)} (${p.resolveRecipients}) | ${ms(p.publishAnswerP50)} | ${ms(p.publishDeliveredP50)} | ${p.accountCount.toLocaleString('en')} / ${p.recipientCount} / ${p.deliveries} |`;
      }),
      '',
    );
  }
  if (r.console) {
    const c = r.console;
    out.push(
      '## Console pages',
      '',
      `${c.accounts.toLocaleString('en')} member accounts in 5 folder levels, ${c.contacts} contacts (the directory-wide one receives 2 of the 6 types: up to ` +
        `${c.largestGap.toLocaleString('en')} accounts uncovered for a type), a message published to the whole directory. Each page signed in as the root key, ` +
        'one request at a time: the median time to the whole page (the target is 300 ms).',
      '',
      '| page | path | median |',
      '|---|---|---|',
      ...c.pages.map((p) => `| ${p.name} | \`${p.path.replace(/[0-9]{16}|c-\w{16}|m-\w{16}|rd-\w{6}/g, '…')}\` | ${ms(p.medianMs)} |`),
      '',
    );
  }
  if (r.startup) {
    const s = r.startup;
    out.push(
      '## Start-up',
      '',
      'From spawning `node bin/rdcontacts.js serve` (what `npm start` runs; the bundle built beforehand, and the command starting itself again with its young-generation bound where the runtime can) to the first 200 from `/healthz`.',
      '',
      '| | median | min | max | idle RSS |',
      '|---|---|---|---|---|',
      `| first start (new data folder) | ${ms(median(s.firstMs))} | ${ms(Math.min(...s.firstMs))} | ${ms(Math.max(...s.firstMs))} | ${mb(median(s.firstIdleRss))} |`,
      `| restart (existing data) | ${ms(median(s.restartMs))} | ${ms(Math.min(...s.restartMs))} | ${ms(Math.max(...s.restartMs))} | ${mb(median(s.restartIdleRss))} |`,
      `| bare \`node -e\` http server, for scale | ${ms(median(s.bareNodeMs))} | ${ms(Math.min(...s.bareNodeMs))} | ${ms(Math.max(...s.bareNodeMs))} | |`,
      '',
    );
  }
  if (r.floor) {
    const rows = floorRows(r.floor);
    const largest = rows.reduce((a, b) => (b.workUs > a.workUs ? b : a));
    out.push(
      '## The floor: what each ratio leaves per request',
      '',
      'The bare node:http baseline, run as beside the operations, but busy-waiting the given µs of CPU per request before answering; ratio = its req/s ÷ the bare run\'s (work 0) of the same round. ' +
        'The ratio is not linear in the work: the slower the server answers, the more wrk idles between responses, so every response wakes it again, and the kernel work of those ' +
        'wake-ups is charged to the server, whose own node:http cost per request (overhead below) grows with it. The work column is therefore the budget our code has per request, ' +
        'beyond what node:http itself does, at that ratio. Medians over the valid runs (over all runs, marked *invalid*, when none is valid).',
      '',
      '| work µs | req/s | CPU µs per request | overhead µs | ratio to bare | valid runs |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        (row) =>
          `| ${row.workUs} | ${row.rps.toFixed(0)} | ${row.cpuUs.toFixed(1)} | ${(row.cpuUs - row.workUs).toFixed(1)} | ${row.ratio.toFixed(3)}${row.invalid ? ' *invalid*' : ''} | ` +
          `${row.validRuns} of ${row.runs} |`,
      ),
      '',
      '### What each target allows',
      '',
      'The work per request at which the ratio reaches each target of the issue, interpolated linearly between the two measured amounts around it; ' +
        'req/s there = the bare run\'s req/s × the target. The budgets move with the bare run: where it is slower (a busier machine), the same ratio leaves more µs.',
      '',
      '| target ratio | for | work per request | req/s there |',
      '|---|---|---|---|',
      ...FLOOR_TARGETS.map((t) => {
        const work = workForRatio(rows, t.ratio);
        const allows = work === undefined ? `more than ${largest.workUs} µs (ratio ${largest.ratio.toFixed(3)} there; --work with larger amounts reaches it)` : `${work.toFixed(0)} µs`;
        return `| ${t.ratio.toFixed(2)} | ${t.what} | ${allows} | ${(rows[0]!.rps * t.ratio).toFixed(0)} |`;
      }),
      '',
    );
  }
  return out.join('\n');
}
