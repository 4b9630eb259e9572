/**
 * The SQLite group commit commits with synchronous=NORMAL and flushes the WAL to disk off the event loop
 * (src/store/sqlite/group-commit.ts, wal-sync.ts). What makes that as durable as synchronous=FULL: nothing
 * is acknowledged before the flush that follows its commit, and no one reads the batch's rows before that
 * flush either (the batch holds the connection until it is done). `coalesced` shares one flush between the
 * callers that ask while another runs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import type { Database } from '../../../src/store/schema.js';
import { GroupCommit } from '../../../src/store/sqlite/group-commit.js';
import { ImmediateSqliteDialect } from '../../../src/store/sqlite/dialect.js';
import { applySettings } from '../../../src/store/sqlite/open.js';
import { openSqliteDatabase } from '../../../src/store/sqlite/library.js';
import { coalesced, walSync } from '../../../src/store/sqlite/wal-sync.js';
import { SQLITE_LIBRARIES } from '../../support/sqlite-libraries.js';

/** A promise settled from outside, and whether it has been asked for. */
function gate() {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Whether `promise` has settled, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await turns(1);
  return done;
}

for (const { library, skip } of SQLITE_LIBRARIES) describe(`SQLite commits flushed off the event loop (${library})`, () => {
  async function withDatabase(test: (db: Kysely<Database>, file: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-commit-flush-'));
    const file = join(dir, 'flush.sqlite');
    const connection = openSqliteDatabase(file, library);
    applySettings(connection);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: connection }) });
    try {
      await sql`create table t (x integer)`.execute(db);
      await test(db, file);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const insert = (x: number) => (conn: Kysely<Database>) => sql`insert into t (x) values (${x})`.execute(conn).then(() => x);
  const noRider = async () => () => undefined;

  it('answers a transaction only after the flush that follows its commit; until then the batch holds the connection and reads wait', { skip }, () =>
    withDatabase(async (db, file) => {
      const flush = gate();
      let flushes = 0;
      let committedAtFlush: number | undefined;
      const commits = new GroupCommit(db, noRider, async () => {
        flushes += 1;
        // What another connection sees when the flush is asked for: the batch is committed by then.
        const other = openSqliteDatabase(file, library);
        committedAtFlush = (other.prepare('select count(*) as n from t').all([]) as Array<{ n: number }>)[0]!.n;
        other.close();
        await flush.promise;
      });
      const answers = Promise.all([commits.run(insert(1)), commits.run(insert(2))]);
      await turns();
      assert.equal(flushes, 1, 'both transactions share one commit and one flush');
      assert.equal(committedAtFlush, 2, 'the flush is asked for after the commit, so it covers both rows');
      assert.equal(await settled(answers), false, 'neither transaction is answered before its flush is done');
      assert.equal(commits.holdsConnection, true, 'the batch holds the connection while its flush runs');
      const read = db.selectFrom('t' as never).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      assert.equal(await settled(read), false, 'a read through the connection waits for the flush');
      flush.open();
      assert.deepEqual(await answers, [1, 2], 'each caller gets its own result once the flush is done');
      assert.equal(Number((await read as { n: number }).n), 2, 'the waiting read then sees both rows');
      assert.equal(commits.holdsConnection, false, 'the connection is free again');
      const { synchronous } = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!;
      assert.equal(synchronous, 2, 'every other write on the connection is FULL again');
    }),
  );

  it('fails every transaction of the batch when the flush fails', { skip }, () =>
    withDatabase(async (db) => {
      const commits = new GroupCommit(db, noRider, async () => {
        throw new Error('the disk refused to flush');
      });
      const outcomes = await Promise.allSettled([commits.run(insert(1)), commits.run(insert(2))]);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected', 'no transaction is acknowledged without its flush');
        assert.match(String((outcome as PromiseRejectedResult).reason), /the disk refused to flush/);
      }
      assert.equal(commits.holdsConnection, false, 'the connection is free again');
    }),
  );

  it('flushes the WAL file SQLite keeps next to the database (walSync)', { skip }, () =>
    withDatabase(async (db, file) => {
      await sql`insert into t (x) values (1)`.execute(db);
      const wal = walSync(file + '-wal');
      try {
        await Promise.all([wal.sync(), wal.sync(), wal.sync()]);
      } finally {
        wal.close();
      }
    }),
  );
});

/** `coalesced` over flushes that each wait for their gate (in the order they began). */
function gatedFlushes() {
  const gates: Array<ReturnType<typeof gate>> = [];
  const flush = coalesced(() => {
    const g = gate();
    gates.push(g);
    return g.promise;
  });
  return { flush, gates };
}

describe('flushes shared between callers (coalesced)', () => {
  it('runs one flush for the first caller, and one more for every caller that asked while it ran', async () => {
    const { flush, gates } = gatedFlushes();
    const first = flush();
    const second = flush();
    const third = flush();
    assert.equal(second, third, 'callers during a running flush share the next one');
    assert.equal(gates.length, 1, 'only one flush runs at a time');
    gates[0]!.open();
    await first;
    await turns(1);
    assert.equal(gates.length, 2, 'the next flush starts once the running one is done');
    assert.equal(await settled(second), false, 'a caller that asked during a flush waits for one that began after its call');
    gates[1]!.open();
    await second;
    const fourth = flush();
    assert.equal(gates.length, 3, 'with none running, a call starts a flush at once');
    gates[2]!.fail(new Error('EIO'));
    await assert.rejects(fourth, /EIO/, 'a failed flush fails its callers');
    const fifth = flush();
    assert.equal(gates.length, 4, 'and the next call starts a new one');
    gates[3]!.open();
    await fifth;
  });

  it('a caller during a failed flush still gets a flush of its own', async () => {
    const { flush, gates } = gatedFlushes();
    const first = flush();
    const second = flush();
    gates[0]!.fail(new Error('EIO'));
    await assert.rejects(first, /EIO/);
    await turns(1);
    assert.equal(gates.length, 2, 'the waiting caller is not failed by a flush that began before its call');
    gates[1]!.open();
    await second;
  });
});
