/**
 * npm run soak [-- options]: two rdcontacts nodes (as `npm start` runs them) over one PostgreSQL database,
 * loaded on loopback with mixed operations at half their measured capacity, while one node is killed with
 * SIGKILL and restarted again and again. Reports the errors by code (only 503s and connection errors, while
 * a node is down, are expected; clients retry them on the other node), the RSS of the surviving node over
 * time (flat within ±10 %), and how many acknowledged AddMessageContact results are missing at the end (0).
 *
 *   --minutes N        how long the soak runs after the capacity measurement (default 30)
 *   --kill-every S     seconds between two kills of the same node (default 60)
 *   --down S           seconds the killed node stays down before its restart (default 3)
 *   --measure S        seconds of the capacity measurement (default 10)
 *   --rate R           calls per second of the soak instead of half the measured capacity (to study a load
 *                      level; the soak's criterion is defined at half the capacity)
 *   --database-url U   a PostgreSQL server on loopback whose user may create databases
 *                      (default postgres://postgres@127.0.0.1:5432/postgres); the soak makes its own database
 *   --log-level L      the nodes' RDC_LOG_LEVEL (default warn; info shows slow starts and pool waits)
 *   --no-build         use dist/ as it is
 *
 * Exits non-zero when a criterion fails. The result is printed and written to bench/results/soak-<time>.md.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { onPostgres } from './environment.js';
import { buildDist, freePort, rssOf, rssPartsOf, ROOT, startServer, type ServerProcess } from './processes.js';
import { signV3, type Credentials } from './signing.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    'kill-every': { type: 'string', default: '60' },
    down: { type: 'string', default: '3' },
    measure: { type: 'string', default: '10' },
    rate: { type: 'string' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'no-build': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'warn' },
  },
});

const MINUTES = Number(values.minutes);
const KILL_EVERY_MS = Number(values['kill-every']) * 1000;
const DOWN_MS = Number(values.down) * 1000;
const MEASURE_MS = Number(values.measure) * 1000;
const ADMIN_URL = values['database-url']!;
/** Concurrent callers of the capacity measurement. */
const MEASURE_CONCURRENCY = 16;
/** Tries of one call before it counts as failed, alternating the nodes, waiting 0.5, 1, 2, 4, 8, 8 … s between rounds (~40 s in all). */
const MAX_TRIES = 16;
const RSS_EVERY_MS = 5000;

const CREDS: Credentials = { accessKeyId: 'LTAIsoak' + randomBytes(8).toString('hex'), secret: randomBytes(24).toString('hex') };
const ACCOUNT = '1' + String(Date.now()).slice(-15).padStart(15, '0');

/** A node at a fixed address: its process while it runs, none while it is down (killed, not yet back). */
interface Node {
  name: string;
  dataDir: string;
  port: number;
  process: ServerProcess | undefined;
}

/** What the soak counts: every failed try by code, calls that failed for good, acknowledged contacts. */
const tally = {
  calls: 0,
  triesFailed: new Map<string, number>(),
  unexpected: new Map<string, number>(),
  failedForGood: 0,
  /**
   * AddMessageContact retried after a try whose outcome the client never learnt (connection lost, timed out,
   * or 503), answered InvalidParameter.Name.AlreadyUsed: the earlier try had committed. Not an error of the
   * server (AddMessageContact takes no idempotency token), and not acknowledged, so not counted as lost.
   */
  addsCommittedUnanswered: 0,
  acknowledged: [] as string[],
  kills: 0,
  /**
   * Every 200 answer: its RequestId, which node answered, and when its try was sent. The node answered it
   * between sending and receiving; the receiving end is no bound: an answer read from the socket just after
   * a kill was recorded came from the killed process before it, so it is timed from the send.
   */
  answered: [] as Array<{ requestId: string; url: string; sentAt: number }>,
  killedAt: [] as number[],
};

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

async function main(): Promise<void> {
  const admin = new URL(ADMIN_URL);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(admin.hostname)) throw new Error(`the soak runs on loopback only; ${admin.hostname} is not`);
  const dbName = `rdc_soak_${process.pid}`;
  await onPostgres(ADMIN_URL, `CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = '/' + dbName;
  const work = mkdtempSync(join(tmpdir(), 'rdc-soak-'));
  // The nodes' logs outlive the run (a failed soak is read from them); their data folders do not.
  const logs = mkdtempSync(join(tmpdir(), 'rdc-soak-logs-'));
  console.log(`# node logs: ${logs}`);
  const nodes: Node[] = [];
  for (const name of ['a', 'b']) nodes.push({ name, dataDir: join(work, name), port: await freePort(), process: undefined });
  const env = (node: Node) => ({
    RDC_DATABASE_URL: dbUrl.toString(),
    RDC_DATA_DIR: node.dataDir,
    RDC_ROOT_ACCOUNT_ID: ACCOUNT,
    RDC_ROOT_ACCESS_KEY_ID: CREDS.accessKeyId,
    RDC_ROOT_ACCESS_KEY_SECRET: CREDS.secret,
    RDC_ACCESS_LOG: 'false',
    RDC_LOG_LEVEL: values['log-level']!,
    RDC_MAX_CONTACTS_PER_DIRECTORY: '10000000',
  });
  // Stopped by hand (Ctrl-C): the nodes go too, rather than outliving the soak and loading the machine.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const node of nodes) if (node.process) process.kill(node.process.pid, 'SIGKILL');
      process.exit(130);
    });
  }
  const start = async (node: Node) => {
    node.process = await startServer({ env: env(node), logFile: join(logs, `${node.name}.log`), port: node.port });
  };
  try {
    if (!values['no-build']) buildDist();
    for (const node of nodes) await start(node);
    const [survivor, victim] = nodes as [Node, Node];
    // Clients know both addresses, as behind a plain DNS name or a client-side list: a killed node refuses.
    const urls = nodes.map((n) => `http://127.0.0.1:${n.port}`);

    await send(urls, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    for (let i = 0; i < 20; i++) await mixedCall(urls, 'AddMessageContact');

    // Capacity: closed loop, every caller sending its next call as soon as the last is answered.
    const measuredFrom = Date.now();
    let measured = 0;
    await Promise.all(
      Array.from({ length: MEASURE_CONCURRENCY }, async () => {
        while (Date.now() - measuredFrom < MEASURE_MS) {
          await mixedCall(urls);
          measured++;
        }
      }),
    );
    const capacity = measured / ((Date.now() - measuredFrom) / 1000);
    const rate = values.rate === undefined ? capacity / 2 : Number(values.rate);
    console.log(`# capacity ${capacity.toFixed(0)} calls/s over both nodes; soaking at ${rate.toFixed(0)} calls/s${values.rate === undefined ? '' : ' (--rate)'} for ${MINUTES} min`);
    const errorsBefore = new Map(tally.triesFailed);
    tally.triesFailed.clear();

    // The soak: open loop at `rate`, one kill of the victim every KILL_EVERY_MS.
    // RSS, and its anonymous and file-backed parts: a step of file-backed pages is code first run, not memory held.
    const rss: Array<{ atS: number; mb: number; anonMb: number; fileMb: number }> = [];
    const soakFrom = Date.now();
    const soakUntil = soakFrom + MINUTES * 60_000;
    const inFlight = new Set<Promise<void>>();
    let issued = 0;
    // The heap beside the RSS (the survivor's own /metrics): a step of RSS with a flat heap used is the heap's
    // capacity, not live data; its young generation (new space) and old space say which part grew.
    const heap: Array<{ atS: number } & HeapSample> = [];
    const sampler = setInterval(() => {
      const atS = Math.round((Date.now() - soakFrom) / 1000);
      const parts = rssPartsOf(survivor.process!.pid);
      rss.push({ atS, mb: rssOf(survivor.process!.pid) / 1048576, anonMb: parts.anon / 1048576, fileMb: parts.file / 1048576 });
      void heapOf(survivor.process!.url).then((h) => h && heap.push({ atS, ...h }));
    }, RSS_EVERY_MS);
    // Progress every 30 s: whether the nodes keep up (calls waiting for an answer) and what failed lately.
    let answeredBefore = 0;
    const progress = setInterval(() => {
      const failed = [...tally.triesFailed].map(([c, n]) => `${c} × ${n}`).join(', ') || 'none';
      console.log(`# ${Math.round((Date.now() - soakFrom) / 1000)} s: ${tally.answered.length - answeredBefore} answered in 30 s, ${inFlight.size} calls waiting, survivor RSS ${shownRss(rss.at(-1))} (heap ${shownHeap(heap.at(-1))}), failed tries so far: ${failed}`);
      answeredBefore = tally.answered.length;
    }, 30_000);
    /** A restart that failed ends the soak (the report says so): the survivor alone is no soak of two nodes. */
    let restartFailed: string | undefined;
    const killer = (async () => {
      while (Date.now() + KILL_EVERY_MS < soakUntil) {
        await sleep(KILL_EVERY_MS);
        process.kill(victim.process!.pid, 'SIGKILL');
        tally.killedAt.push(Date.now());
        victim.process = undefined;
        tally.kills++;
        await sleep(DOWN_MS);
        await start(victim);
      }
    })().catch((err: unknown) => {
      restartFailed = `${Math.round((Date.now() - soakFrom) / 1000)} s: ${(err as Error).message.split('\n')[0]}`;
    });
    while (Date.now() < soakUntil && restartFailed === undefined) {
      const owed = Math.floor(((Date.now() - soakFrom) / 1000) * rate) - issued;
      for (let i = 0; i < owed; i++) {
        issued++;
        const call = mixedCall(urls).finally(() => inFlight.delete(call));
        inFlight.add(call);
      }
      await sleep(10);
    }
    await Promise.all(inFlight);
    await killer;
    clearInterval(sampler);
    clearInterval(progress);
    // A graceful stop writes what a node still buffers (its last audit events): what is missing after it was lost by a kill.
    for (const node of nodes) {
      await node.process?.stop();
      node.process = undefined;
    }

    const lost = await missingContacts(dbUrl.toString(), tally.acknowledged);
    const unaudited = await unauditedCalls(dbUrl.toString(), urls[1]!);
    const report = render({ capacity, rate, errorsBefore, rss, heap, lost, unaudited, restartFailed, seconds: (Date.now() - soakFrom) / 1000 });
    console.log(report.text);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = join(ROOT, 'bench/results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
    writeFileSync(file, report.text);
    console.log(`# written to ${file}`);
    if (!report.passed) process.exitCode = 1;
  } finally {
    for (const node of nodes) await node.process?.stop();
    await onPostgres(ADMIN_URL, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The mix: 20 % AddMessageContact, 10 % UpdateMessageContact, 50 % GetMessageContact, 20 % ListMessageContacts. */
async function mixedCall(urls: string[], forced?: string): Promise<void> {
  const known = tally.acknowledged;
  const pick = known[Math.floor(Math.random() * known.length)];
  const r = Math.random();
  // Two updates of one contact at once answer 429 ConcurrentCallNotSupported by design: a contact being
  // updated is read instead, so that every error left is the kills' doing.
  const updatable = pick !== undefined && !updating.has(pick);
  const action = forced ?? (r < 0.2 || !pick ? 'AddMessageContact' : r < 0.3 && updatable ? 'UpdateMessageContact' : r < 0.8 ? 'GetMessageContact' : 'ListMessageContacts');
  const params: Record<string, string> =
    action === 'AddMessageContact'
      ? { Name: name(), EmailAddress: 'soak@example.com', Title: 'TechnicalDirector', 'MessageTypes.1': 'AccountExpenses' }
      : action === 'UpdateMessageContact'
        ? { ContactId: pick!, Title: Math.random() < 0.5 ? 'CEO' : 'FinanceDirector' }
        : action === 'GetMessageContact'
          ? { ContactId: pick! }
          : { PageSize: '10' };
  tally.calls++;
  if (action === 'UpdateMessageContact') updating.add(pick!);
  const body = await send(urls, action, params).finally(() => action === 'UpdateMessageContact' && updating.delete(pick!));
  if (action === 'AddMessageContact' && body) known.push(body.Contact.ContactId as string);
}

/** Contacts with an update under way. */
const updating = new Set<string>();

/**
 * One call, sent to a node picked at random and, after a connection error or a 503 (a node killed or
 * starting), tried again on the other. Every failed try is counted by its code. Any other error answer is
 * unexpected and counted as such, with the seconds since the last kill; a 429 is still tried again, as its
 * message asks ("Please try again later"), since a contact whose update the killed node was serving stays
 * claimed until its lease expires. Resolves to the answer's body, or undefined when the call failed for good.
 */
async function send(urls: string[], action: string, params: Record<string, string>): Promise<any> {
  const first = Math.floor(Math.random() * urls.length);
  /** An earlier try may have taken effect without the client learning it. */
  let uncertain = false;
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const sentAt = Date.now();
    const outcome = await tryOnce(urls[(first + attempt) % urls.length]!, action, params);
    if (outcome.ok) {
      tally.answered.push({ requestId: outcome.body.RequestId, url: urls[(first + attempt) % urls.length]!, sentAt });
      return outcome.body;
    }
    count(tally.triesFailed, outcome.code);
    if (action === 'AddMessageContact' && outcome.code === '400 InvalidParameter.Name.AlreadyUsed' && uncertain) {
      tally.addsCommittedUnanswered++;
      return undefined;
    }
    uncertain ||= outcome.expected;
    if (!outcome.expected) {
      const lastKill = tally.killedAt.at(-1);
      count(tally.unexpected, `${action} ${outcome.code}${lastKill === undefined ? '' : ` (${Math.floor((Date.now() - lastKill) / 1000)} s after a kill)`}`);
    }
    if (!outcome.retry) break;
    const round = Math.floor(attempt / urls.length);
    if (attempt % urls.length === urls.length - 1) await sleep(Math.min(500 * 2 ** round, 8000));
  }
  tally.failedForGood++;
  return undefined;
}

type Outcome = { ok: true; body: any } | { ok: false; code: string; expected: boolean; retry: boolean };

async function tryOnce(baseUrl: string, action: string, params: Record<string, string>): Promise<Outcome> {
  const req = signV3(CREDS, new URL(baseUrl).host, action, params);
  const { host: _host, ...headers } = req.headers;
  try {
    const res = await post(baseUrl, req.path, headers);
    const body = JSON.parse(res.text);
    if (res.status === 200) return { ok: true, body };
    return { ok: false, code: `${res.status} ${body.Code}`, expected: res.status === 503, retry: res.status === 503 || res.status === 429 };
  } catch (err) {
    return { ok: false, code: `connection ${(err as { code?: string }).code ?? (err as Error).name}`, expected: true, retry: true };
  }
}

/**
 * Connections per node, as a client fleet behind a connection pool would hold: calls beyond them wait in the
 * client. (fetch opens a connection per call in flight, without a bound: once a node fell behind, thousands
 * of connections ran into RDC_MAX_CONNECTIONS, were closed, and their retries made the backlog grow.)
 */
const CONNECTIONS_PER_NODE = 128;
const agents = new Map<string, http.Agent>();

function post(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  let agent = agents.get(baseUrl);
  if (!agent) agents.set(baseUrl, (agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_NODE })));
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: 'POST', path, headers, agent, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 15 s'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end();
  });
}

/** The acknowledged contacts the database does not hold. */
async function missingContacts(url: string, ids: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM contacts WHERE id = ANY($1)', [ids]);
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  } finally {
    await client.end();
  }
}

/**
 * Answered calls without an audit event: the audit trail's loss window, measured. A call of the surviving
 * node must never be missing; one of the killed node only when it was answered just before a kill (`beforeKillMs`).
 */
async function unauditedCalls(url: string, victimUrl: string): Promise<{ survivor: number; victim: number; beforeKillMs: number[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ record: string }>('SELECT record FROM audit_events');
    const audited = new Set(rows.map((r) => (JSON.parse(r.record) as { requestId: string }).requestId));
    const missing = tally.answered.filter((a) => !audited.has(a.requestId));
    const ofVictim = missing.filter((a) => a.url === victimUrl);
    // The first kill after the try was sent: the node answered before it (it answers nothing after), at most this long before.
    const beforeKillMs = ofVictim.map((a) => (tally.killedAt.find((k) => k >= a.sentAt) ?? Infinity) - a.sentAt);
    return { survivor: missing.length - ofVictim.length, victim: ofVictim.length, beforeKillMs };
  } finally {
    await client.end();
  }
}

function render(r: {
  capacity: number;
  rate: number;
  errorsBefore: Map<string, number>;
  rss: Array<{ atS: number; mb: number; anonMb: number; fileMb: number }>;
  heap: Array<{ atS: number } & HeapSample>;
  lost: string[];
  unaudited: { survivor: number; victim: number; beforeKillMs: number[] };
  restartFailed: string | undefined;
  seconds: number;
}): { text: string; passed: boolean } {
  // RSS after the first minute (start-up and warm-up grow it once), first third against last third.
  const settled = r.rss.filter((s) => s.atS >= 60).map((s) => s.mb);
  const third = Math.max(1, Math.floor(settled.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const early = mean(settled.slice(0, third));
  const late = mean(settled.slice(-third));
  const drift = settled.length >= 3 ? (late - early) / early : NaN;
  const unexpected = [...tally.unexpected.values()].reduce((a, b) => a + b, 0);
  const rssFlat = Number.isFinite(drift) && Math.abs(drift) <= 0.1;
  const auditWindowMs = Math.max(0, ...r.unaudited.beforeKillMs);
  const auditHeld = r.unaudited.survivor === 0 && auditWindowMs <= 1000;
  const passed = r.restartFailed === undefined && unexpected === 0 && tally.failedForGood === 0 && r.lost.length === 0 && rssFlat && auditHeld;
  const lines = [
    `# Soak: two PostgreSQL nodes, kill -9 of one every ${KILL_EVERY_MS / 1000} s`,
    '',
    `- ${new Date().toISOString()}, ${Math.round(r.seconds)} s of soak after ${MEASURE_MS / 1000} s of capacity measurement (${MEASURE_CONCURRENCY} callers): capacity ${r.capacity.toFixed(0)} calls/s, soak at ${r.rate.toFixed(0)} calls/s${values.rate === undefined ? '' : ' (set by --rate: not the half of capacity the criterion names)'}`,
    `- mix: 20 % AddMessageContact, 10 % UpdateMessageContact, 50 % GetMessageContact, 20 % ListMessageContacts (V3-signed, root key)`,
    `- calls: ${tally.calls}; kills: ${tally.kills} (node down ${DOWN_MS / 1000} s each, then restarted)${r.restartFailed ? `; a restart FAILED at ${r.restartFailed} (the soak stopped there)` : ''}`,
    `- failed tries by code (each retried on the other node): ${[...tally.triesFailed].map(([c, n]) => `${c} × ${n}`).join(', ') || 'none'}`,
    `- unexpected errors (anything but 503 or a connection error): ${unexpected === 0 ? 'none' : [...tally.unexpected].map(([c, n]) => `${c} × ${n}`).join(', ')}`,
    `- calls failed for good after ${MAX_TRIES} tries: ${tally.failedForGood}`,
    `- acknowledged AddMessageContact: ${tally.acknowledged.length}; missing at the end: ${r.lost.length}`,
    `- AddMessageContact retried after an unanswered try that had committed (the retry found its name taken): ${tally.addsCommittedUnanswered}`,
    `- answered calls without an audit event: ${r.unaudited.survivor} of the surviving node; ${r.unaudited.victim} of the killed node, each sent at most ${auditWindowMs} ms before a kill (of ${tally.answered.length} answered calls; limit: none of the survivor, 1,000 ms before a kill)`,
    `- RSS of the surviving node (MB: all, anonymous + file-backed, every ${RSS_EVERY_MS / 1000} s): ${r.rss.map((s) => `${s.atS}s ${s.mb.toFixed(0)} (${s.anonMb.toFixed(0)}+${s.fileMb.toFixed(0)})`).join(', ')}`,
    `- V8 heap of the surviving node (MB used / reserved, then reserved by the young generation (new) and old space, and memory outside the heap (external), from its /metrics, every ${RSS_EVERY_MS / 1000} s): ${r.heap.map((h) => `${h.atS}s ${shownHeap(h)}`).join(', ')}`,
    `- RSS after the first minute: first third ${early.toFixed(1)} MB, last third ${late.toFixed(1)} MB, drift ${Number.isFinite(drift) ? (drift * 100).toFixed(1) + ' %' : 'n/a (under 3 samples)'} (limit ±10 %)`,
    `- failed tries during the capacity measurement (no kills): ${[...r.errorsBefore].map(([c, n]) => `${c} × ${n}`).join(', ') || 'none'}`,
    `- result: ${passed ? 'PASSED' : 'FAILED'}`,
    '',
  ];
  return { text: lines.join('\n'), passed };
}

/** What a node's /metrics says of its memory (MB). */
interface HeapSample {
  usedMb: number;
  totalMb: number;
  newMb: number;
  oldMb: number;
  externalMb: number;
}

function shownRss(s: { mb: number; anonMb: number; fileMb: number } | undefined): string {
  return s ? `${s.mb.toFixed(0)} MB (${s.anonMb.toFixed(0)} anonymous + ${s.fileMb.toFixed(0)} file)` : 'not read';
}

function shownHeap(h: HeapSample | undefined): string {
  return h ? `${h.usedMb.toFixed(0)}/${h.totalMb.toFixed(0)} new ${h.newMb.toFixed(0)} old ${h.oldMb.toFixed(0)} ext ${h.externalMb.toFixed(0)}` : 'not read';
}

/** The V8 heap of a node, used and reserved, by space, and memory outside it (MB), from its /metrics; undefined when it does not answer. */
async function heapOf(url: string): Promise<HeapSample | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const value = (metric: string) => Number(new RegExp(`^${metric.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1048576;
    return {
      usedMb: value('nodejs_heap_size_used_bytes'),
      totalMb: value('nodejs_heap_size_total_bytes'),
      newMb: value('nodejs_heap_space_size_total_bytes{space="new"}'),
      oldMb: value('nodejs_heap_space_size_total_bytes{space="old"}'),
      externalMb: value('nodejs_external_memory_bytes'),
    };
  } catch {
    return undefined;
  }
}

function name(): string {
  let s = 'S';
  for (const b of randomBytes(11)) s += String.fromCharCode(97 + (b % 26));
  return s;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
