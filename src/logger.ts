import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * The service's logger. RDC_LOG_FORMAT=json (default): pino's JSON lines, for a log collector. pretty: one
 * readable line per record for a terminal, `time LEVEL message key=value…` (an error's stack below it).
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, out?: NodeJS.WritableStream): Logger {
  const destination: Destination = out ?? stdoutDestination();
  if (config.logFormat !== 'pretty') return pino({ level: config.logLevel }, destination);
  const color = out === undefined && process.stdout.isTTY === true;
  const pretty: Destination = { write: (line: string) => destination.write(prettyLine(JSON.parse(line) as Record<string, unknown>, color)) };
  if (destination.flushSync) pretty.flushSync = () => destination.flushSync!();
  return pino({ level: config.logLevel }, pretty);
}

/** Where pino writes lines; `flushSync` writes those it holds (flushLog). */
interface Destination {
  write(line: string): unknown;
  flushSync?(): void;
}

/** Characters of lines gathered before stdout is written (~4 KB); and how late a line may be written at most. */
const GATHER_CHARACTERS = 4096;
const GATHER_MS = 100;

/**
 * Stdout through pino's own destination, written synchronously, but a few lines at a time: every API call
 * logs an access line, and one `write` per line cost a GetMessageContact ~15 µs of CPU under load where a
 * write per ~16 lines costs little (docs/performance.md, seventh round). Lines wait until 4 KB are gathered,
 * 100 ms at most (a timer set by the first line waiting, so an idle server makes no calls); they are all
 * written at exit (also after an uncaught error) and by `flushLog`. Only a kill -9 or a power cut loses the
 * last 100 ms of lines (the audit trail has its own loss window). The lines are gathered here, not by the
 * destination's own minLength: its flushSync, the only way to write what it holds at once, also fsyncs, and
 * on stdout redirected to a file ten fsyncs a second on the event loop cost a GetMessageContact ~10 µs of
 * CPU (docs/performance.md, eighth round). Nothing here fsyncs: the log is not the durable record.
 */
function stdoutDestination(): Required<Destination> {
  // minLength 0: each write below is one synchronous write(2) (retried until written, as sonic-boom does).
  const destination = pino.destination({ dest: 1, sync: true, minLength: 0 });
  let waiting = '';
  let due: NodeJS.Timeout | undefined;
  const flushSync = () => {
    if (due) clearTimeout(due);
    due = undefined;
    if (waiting.length === 0) return;
    const lines = waiting;
    waiting = '';
    destination.write(lines);
  };
  process.on('exit', flushSync);
  return {
    write(line) {
      waiting += line;
      if (waiting.length >= GATHER_CHARACTERS) flushSync();
      else due ??= setTimeout(flushSync, GATHER_MS).unref();
      return true;
    },
    flushSync,
  };
}

/** Writes the lines `log` has gathered now (before other output goes to stdout, which must come after them). */
export function flushLog(log: Logger): void {
  (log as unknown as Record<symbol, Destination>)[pino.symbols.streamSym]?.flushSync?.();
}

const LEVELS: Record<number, [name: string, ansiColor: number]> = {
  10: ['TRACE', 90],
  20: ['DEBUG', 36],
  30: ['INFO ', 32],
  40: ['WARN ', 33],
  50: ['ERROR', 31],
  60: ['FATAL', 35],
};
/** pino's own fields: shown first (time, level, message) or not at all (pid, hostname). */
const OWN = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/** One pino record as a line: `2026-12-06 13:55:01.123 INFO  rdcontacts is serving url=http://127.0.0.1:8080`. */
export function prettyLine(record: Record<string, unknown>, color = false): string {
  const time = new Date(record.time as number).toISOString().replace('T', ' ').replace('Z', '');
  const [name, ansi] = LEVELS[record.level as number] ?? [String(record.level).padEnd(5), 0];
  const level = color ? `\x1b[${ansi}m${name}\x1b[0m` : name;
  const fields = Object.entries(record).filter(([key, value]) => !OWN.has(key) && value !== undefined);
  const parts = [time, level, ...(record.msg !== undefined ? [String(record.msg)] : []), ...fields.map(([key, value]) => `${key}=${show(value)}`)];
  const stack = (record.err as { stack?: unknown } | undefined)?.stack;
  return parts.join(' ') + '\n' + (typeof stack === 'string' ? stack.replace(/^/gm, '    ') + '\n' : '');
}

function show(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value && 'stack' in value) return show((value as { message: unknown }).message);
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}
