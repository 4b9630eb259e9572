import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { NonceRegistry } from '../store.js';
import { runCompiled } from '../repositories/compiled.js';

/** Claims written in one statement at most. */
const MAX_BATCH = 1000;

/**
 * A batch of claims as one statement whatever its size: the claims come as three arrays, made rows by unnest.
 * So the text is always the same, prepared once per connection (prepared.ts), and nothing is built per batch
 * (a Kysely insert of N rows was built, compiled, parsed and planned anew for each).
 */
const CLAIM =
  'insert into nonces (access_key_id, nonce, expires_at) select * from unnest($1::text[], $2::text[], $3::int8[]) ' +
  'on conflict (access_key_id, nonce) do update set expires_at = excluded.expires_at where nonces.expires_at <= $4 ' +
  'returning access_key_id, nonce';

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
 */
export class SharedNonceRegistry implements NonceRegistry {
  private readonly timer: NodeJS.Timeout;
  private pending = new Map<string, Claim>();
  private scheduled = false;

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
        c.resolve(winners.has(keyOf(c.accessKeyId, c.nonce)));
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

  /** The unexpired nonces of every node (an index range of nonces_expires). */
  async held(): Promise<number> {
    const row = await this.db.selectFrom('nonces').select((eb) => eb.fn.countAll<number>().as('n')).where('expires_at', '>=', Date.now()).executeTakeFirstOrThrow();
    return Number(row.n);
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
