// The V8 young generation rdcontacts runs with (docs/decisions.md#young-generation).
//
// Node.js 20's V8 bounds each of the young generation's two semi-spaces at 16 MB; Node.js 22 and 24 let them
// grow to 64 MB under a high allocation rate, and keep them grown: a server's RSS then steps up by tens of
// MB at some moment under load and stays there (the soak of issue 12 saw +52 MB at 10 minutes, bench runs
// 226–243 MB against 145–150 MB with the bound). The bound must be given on node's command line (V8 reads
// it when the heap is made), so the command replaces its process once, keeping its PID, arguments and
// environment, with node started again with `--max-semi-space-size=16`: the same memory on every runtime.
// An operator's own choice (a semi-space flag on the command line or in NODE_OPTIONS) is left alone, and a
// runtime without process.execve (Node.js 20, whose bound this already is) runs as it was started.

/** The bound, in MB per semi-space: Node.js 20's default. */
export const MAX_SEMI_SPACE_MB = 16;

const SEMI_SPACE_FLAG = /^--(max|min)[-_]semi[-_]space[-_]size\b/;

/**
 * How to start this process again with the bound (`{file, args}` for process.execve), or undefined when it
 * runs with it already, the operator chose a size, or the runtime cannot replace a process.
 */
export function youngGenerationRestart({ execve, execPath, execArgv, argv, env, platform }) {
  if (typeof execve !== 'function' || platform === 'win32') return undefined;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((arg) => SEMI_SPACE_FLAG.test(arg))) return undefined;
  return { file: execPath, args: [execPath, `--max-semi-space-size=${MAX_SEMI_SPACE_MB}`, ...execArgv, ...argv.slice(1)] };
}
