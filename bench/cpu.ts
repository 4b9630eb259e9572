/**
 * CPU use during a run, from /proc: how busy each core was (/proc/stat, whoever used it) and how much CPU
 * a set of processes used (/proc/<pid>/stat, utime + stime of all their threads: one process, or the
 * server with the PostgreSQL backends that work for it). Read before and after a run; the difference over
 * the wall time is the share of one core.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

export interface CpuSnapshot {
  at: number;
  /** Busy and total ticks per core, by core number. */
  cores: Map<number, { busy: number; total: number }>;
  /** utime + stime ticks per watched process. */
  processes: Map<number, number>;
}

function coreTicks(): Map<number, { busy: number; total: number }> {
  const out = new Map<number, { busy: number; total: number }>();
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const m = /^cpu(\d+) (.*)$/.exec(line);
    if (!m) continue;
    // user nice system idle iowait irq softirq steal ...
    const t = m[2]!.trim().split(/\s+/).map(Number);
    const total = t.slice(0, 8).reduce((a, b) => a + b, 0);
    out.set(Number(m[1]), { busy: total - t[3]! - t[4]!, total });
  }
  return out;
}

function processTicks(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
}

export function snapshot(pids: readonly number[]): CpuSnapshot {
  return { at: performance.now(), cores: coreTicks(), processes: new Map(pids.map((p) => [p, processTicks(p)])) };
}

/** Share of one core (0–1) each core was busy, and a set of the snapshots' processes ran together, between two snapshots. */
export function usage(before: CpuSnapshot, after: CpuSnapshot): { core(n: number): number; processes(pids: readonly number[]): number } {
  const seconds = (after.at - before.at) / 1000;
  return {
    core(n) {
      const a = before.cores.get(n)!;
      const b = after.cores.get(n)!;
      return (b.busy - a.busy) / Math.max(1, b.total - a.total);
    },
    processes(pids) {
      const ticks = pids.reduce((sum, pid) => sum + after.processes.get(pid)! - before.processes.get(pid)!, 0);
      return ticks / TICKS_PER_SECOND / seconds;
    },
  };
}
