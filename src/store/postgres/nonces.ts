import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { NonceRegistry } from '../store.js';
import { unnestInsertSql } from '../repositories/array-rows.js';
import { runCompiled } from '../repositories/compiled.js';

/** Claims written in one statement at most. */
const MAX_BATCH = 1000;

/**
 * A batch of claims as one statement whatever its size: the claims come as three arrays, made rows by unnest
 * (array-rows.ts). So the text is always the same, prepared once per connection (prepared.ts), and nothing is
 * built per batch (a Kysely insert of N rows was built, compiled, parsed and planned anew for each).
 */
const CLAIM = unnestInsertSql(
  'nonces',
  [['access_key_id', 'text[]'], ['nonce', 'text[]'], ['expires_at', 'int8[]']],
  'on conflict (access_key_id, nonce) do update set expires_at = excluded.expires_at where nonces.expires_at <= $4 returning access_key_id, nonce',
);

interface Claim {
  accessKeyId: string;
  nonce: string;
  expiresAt: number;
  resolve: (won: boolean) => void;
  reject: (err: unknown) => void;
  /** Later claims of the same nonce in this batch: replays, whatever the first one finds. */
  repeats: Array<{ resolve: (won: boolean) => void; reject: (err: unknown) => void }>;
}

/**
 * For a store shared by several nodes: every claim is decided by the database, so a nonce used on one node
 * is refused on all of them. The claims made in one turn of the event loop go in one statement (a round
 * trip per request otherwise): a row is inserted for a nonce never seen or whose window has passed, and a
 * live one makes the statement update nothing; the rows it returns are the claims that won. The same nonce
 * twice in one batch is a replay from its second time on. When the statement fails, each claim of the batch
 * is retried alone, so only a claim the database refuses fails. Expired nonces are removed now and then.
 *
 * What a node counts as held (the metrics' gauge) are the unexpired nonces it won itself, counted as it wins
 * them: counting the table's unexpired rows at each scrape read the whole window (53 ms of PostgreSQL's time
 * per scrape at 440 calls/s in a soak, growing with the traffic). The nodes' gauges add up to every node's.
 */
export class SharedNonceRegistry implements NonceRegistry {
  private readonly timer: NodeJS.Timeout;
  private pending = new Map<string, Claim>();
  private scheduled = false;
  /** Nonces this node won, by the second their window ends (rounded up). */
  private readonly wonUntil = new Map<number, number>();

  constructor(private readonly db: Kysely<Database>, pruneMs = 60_000) {
    this.timer = setInterval(() => void this.prune().catch(() => undefined), pruneMs);
    this.timer.unref();
  }

  claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const key = keyOf(accessKeyId, nonce);
      const first = this.pending.get(key);
      if (first) first.repeats.push({ resolve, reject });
      else this.pending.set(key, { accessKeyId, nonce, expiresAt, resolve, reject, repeats: [] });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const claims = [...this.pending.values()];
    this.pending = new Map();
    for (let i = 0; i < claims.length; i += MAX_BATCH) void this.decide(claims.slice(i, i + MAX_BATCH));
  }

  private async decide(batch: Claim[]): Promise<void> {
    try {
      const now = Date.now();
      const won = await runCompiled<{ access_key_id: string; nonce: string }>(this.db, CLAIM, [
        batch.map((c) => c.accessKeyId),
        batch.map((c) => c.nonce),
        batch.map((c) => c.expiresAt),
        now,
      ]);
      const winners = new Set(won.map((row) => keyOf(row.access_key_id, row.nonce)));
      for (const c of batch) {
        const wins = winners.has(keyOf(c.accessKeyId, c.nonce));
        if (wins) this.countWon(c.expiresAt);
        c.resolve(wins);
        for (const repeat of c.repeats) repeat.resolve(false);
      }
    } catch (err) {
      // One claim the database refuses must not fail the others: each is then decided alone.
      if (batch.length > 1) {
        for (const c of batch) void this.decide([c]);
        return;
      }
      for (const c of batch) {
        c.reject(err);
        for (const repeat of c.repeats) repeat.reject(err);
      }
    }
  }

  private countWon(expiresAt: number): void {
    const second = Math.ceil(expiresAt / 1000);
    const count = this.wonUntil.get(second);
    if (count !== undefined) return void this.wonUntil.set(second, count + 1);
    // A new second: the ended ones go now too, so a node never scraped keeps only its window's seconds.
    this.countHeld();
    this.wonUntil.set(second, 1);
  }

  /** The unexpired nonces this node won. */
  async held(): Promise<number> {
    return this.countHeld();
  }

  /** Sums the window's seconds, forgetting those that have ended. */
  private countHeld(): number {
    const now = Date.now() / 1000;
    let held = 0;
    for (const [second, count] of this.wonUntil) {
      if (second <= now) this.wonUntil.delete(second);
      else held += count;
    }
    return held;
  }

  async prune(): Promise<void> {
    await this.db.deleteFrom('nonces').where('expires_at', '<', Date.now()).execute();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}

function keyOf(accessKeyId: string, nonce: string): string {
  return accessKeyId + '\n' + nonce;
}
