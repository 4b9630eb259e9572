/** The markdown of a benchmark run: the machine, then one table per scenario. */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { OperationFigures } from './scenarios/operations.js';
import type { GrowthFigures } from './scenarios/growth.js';
import type { StartupFigures } from './startup.js';

export interface RunReport {
  startedAt: Date;
  store: string;
  quick: boolean;
  settings: string;
  operations?: { figures: OperationFigures[]; idleRss: number };
  growth?: GrowthFigures[];
  startup?: StartupFigures;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

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
    out.push(
      '## Signed calls at 50 connections, against the bare node:http baseline',
      '',
      'Medians over the rounds; ratio = rdcontacts 2xx req/s ÷ baseline req/s of the same round. RSS is the server\'s peak during its runs.',
      '',
      '| operation | body | ratio | req/s | baseline req/s | p50 | p99 | baseline p99 | non-2xx | server RSS |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const f of r.operations.figures) {
      const ratios = f.server.map((s, i) => s.rps / f.baseline[i]!.rps);
      const non2xx = f.server.reduce((n, s) => n + s.non2xx + s.errors, 0);
      out.push(
        `| ${f.operation} | ${f.bodyBytes} B | ${median(ratios).toFixed(3)} | ${median(f.server.map((s) => s.rps)).toFixed(0)} | ${median(f.baseline.map((s) => s.rps)).toFixed(0)} | ` +
          `${ms(median(f.server.map((s) => s.p50)))} | ${ms(median(f.server.map((s) => s.p99)))} | ${ms(median(f.baseline.map((s) => s.p99)))} | ${non2xx} | ${mb(f.serverPeakRss)} |`,
      );
    }
    out.push('', `Server RSS after loading the fixtures, before any load: ${mb(r.operations.idleRss)}.`, '');
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
    const pages = Object.keys(r.growth[0]?.consolePages ?? {});
    out.push(
      '### Console pages',
      '',
      'Each page of the web console as the root key signed in, one request at a time: the median time to the whole page.',
      '',
      `| accounts | ${pages.join(' | ')} |`,
      `|---|${pages.map(() => '---|').join('')}`,
      ...r.growth.map((g) => `| ${g.accounts.toLocaleString('en')} | ${pages.map((p) => ms(g.consolePages[p]!)).join(' | ')} |`),
      '',
    );
  }
  if (r.startup) {
    const s = r.startup;
    out.push(
      '## Start-up',
      '',
      'From spawning `node dist/rdcontacts.mjs serve` (what `npm start` runs after compiling and bundling) to the first 200 from `/healthz`.',
      '',
      '| | median | min | max | idle RSS |',
      '|---|---|---|---|---|',
      `| first start (new data folder) | ${ms(median(s.firstMs))} | ${ms(Math.min(...s.firstMs))} | ${ms(Math.max(...s.firstMs))} | ${mb(median(s.firstIdleRss))} |`,
      `| restart (existing data) | ${ms(median(s.restartMs))} | ${ms(Math.min(...s.restartMs))} | ${ms(Math.max(...s.restartMs))} | ${mb(median(s.restartIdleRss))} |`,
      `| bare \`node -e\` http server, for scale | ${ms(median(s.bareNodeMs))} | ${ms(Math.min(...s.bareNodeMs))} | ${ms(Math.max(...s.bareNodeMs))} | |`,
      '',
    );
  }
  return out.join('\n');
}
