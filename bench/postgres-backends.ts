/**
 * The PostgreSQL backends that serve the measured server. On SQLite the database's work runs inside the
 * server's process, on its pinned core, and counts as its CPU; on PostgreSQL it runs in a backend process
 * per pooled connection, which the kernel puts on any core (the generator's too): the server then waits
 * for work done elsewhere and never fills its own core. For each measured run the server's backends are
 * found, pinned to the server's core and counted with it (bench/wrk.ts), then given back their cores.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { onPostgres } from './environment.js';
import { SERVER_CPU } from './processes.js';
import type { WrkResult } from './wrk.js';

/** The local ports of a process's established TCP connections to `port`: its sockets' inodes looked up in /proc/net/tcp and tcp6. */
function localPortsTo(pid: number, port: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed since the directory was read
    }
  }
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    // sl local_address rem_address st … inode (10th field); addresses as hex address:port; state 01 is ESTABLISHED.
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '01' || !inodes.has(f[9]!)) continue;
      if (parseInt(f[2]!.split(':').at(-1)!, 16) === port) ports.push(parseInt(f[1]!.split(':').at(-1)!, 16));
    }
  }
  return ports;
}

/**
 * The pids of the backends whose clients are the server's connections: the bench database's client
 * backends, matched by client port (other databases' servers and our own query connection are left out).
 */
async function serverBackends(url: string, serverPid: number): Promise<number[]> {
  const ports = localPortsTo(serverPid, Number(new URL(url).port || 5432));
  if (ports.length === 0) return [];
  const rows = await onPostgres<{ pid: number }>(
    url,
    "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and client_port = any($1)",
    [ports],
  );
  return rows.map((r) => r.pid);
}

/** Runs taskset on a pid; its affinity before, as taskset lists it, or undefined when the process is gone. */
function taskset(pid: number, cpus: string): string | undefined {
  const r = spawnSync('taskset', ['-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const before = /current affinity list: (\S+)/.exec(r.stdout)?.[1];
  if (!before) throw new Error(`taskset printed no affinity for ${pid}: ${r.stdout}`);
  return before;
}

/**
 * Runs `measure` with the server's backends pinned to its core and counted with it. The pool opens
 * connections lazily, so they are looked up right before the run (after its warm-up) and again after it:
 * a backend opened meanwhile ran unpinned and uncounted, and makes the run invalid, as does finding none.
 * Each backend gets its affinity back afterwards (one that ended with its connection needs nothing).
 */
export async function withPinnedBackends(url: string, serverPid: number, measure: (pids: readonly number[]) => Promise<WrkResult>): Promise<WrkResult> {
  const pids = await serverBackends(url, serverPid);
  const before = new Map<number, string>();
  try {
    for (const pid of pids) {
      const affinity = taskset(pid, String(SERVER_CPU));
      if (affinity === undefined) throw new Error(`could not pin PostgreSQL backend ${pid} (taskset needs root)`);
      before.set(pid, affinity);
    }
    const result = await measure(pids);
    const opened = (await serverBackends(url, serverPid)).filter((pid) => !pids.includes(pid));
    if (pids.length === 0) result.invalidBecause.push('no PostgreSQL backend of the server found');
    if (opened.length > 0) result.invalidBecause.push(`${opened.length} PostgreSQL backend(s) opened during the run, not pinned or counted`);
    result.valid = result.invalidBecause.length === 0;
    return result;
  } finally {
    for (const [pid, affinity] of before) taskset(pid, affinity);
  }
}
