/**
 * The SQLite group commit commits with synchronous=NORMAL and flushes the WAL to disk off the event loop
 * (src/store/sqlite/group-commit.ts, wal-sync.ts). What makes that as durable as synchronous=FULL: nothing
 * is acknowledged before the flush that follows its commit, and nothing outside the group commit reads the
 * batch's rows before that flush either, while the next batch may commit meanwhile. `coalesced` shares one
 * flush between the callers that ask while another runs.
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
  /**
   * A fresh database with table t, a group commit over it whose flushes are `flushes()` (each caller's
   * promise), and Kysely wired as the store wires it: statements outside transactions wait for the flush.
   */
  async function withGroupCommit(flush: () => Promise<void>, test: (commits: GroupCommit, db: Kysely<Database>, file: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-commit-flush-'));
    const file = join(dir, 'flush.sqlite');
    const connection = openSqliteDatabase(file, library);
    applySettings(connection);
    const waitBefore = () => (connection.inTransaction ? undefined : commits.pendingFlush());
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: connection }, waitBefore) });
    const commits = new GroupCommit(db, connection, async () => () => undefined, flush);
    try {
      await sql`create table t (x integer)`.execute(db);
      await test(commits, db, file);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const insert = (x: number) => (conn: Kysely<Database>) => sql`insert into t (x) values (${x})`.execute(conn).then(() => x);
  const count = (db: Kysely<Database>) => sql<{ n: number }>`select count(*) as n from t`.execute(db).then((r) => Number(r.rows[0]!.n));
  /** What another connection sees: committed rows, flushed or not. */
  const committed = (file: string) => {
    const other = openSqliteDatabase(file, library);
    try {
      return (other.prepare('select count(*) as n from t').all([]) as Array<{ n: number }>)[0]!.n;
    } finally {
      other.close();
    }
  };

  it('answers a transaction only after the flush that follows its commit; until then statements outside the group commit wait', { skip }, async () => {
    const flush = gate();
    let committedAtFlush: number | undefined;
    let file = '';
    await withGroupCommit(
      async () => {
        committedAtFlush = committed(file);
        await flush.promise;
      },
      async (commits, db, path) => {
        file = path;
        const answers = Promise.all([commits.run(insert(1)), commits.run(insert(2))]);
        await turns();
        assert.equal(committedAtFlush, 2, 'both transactions share one commit, and the flush is asked for after it, so it covers both rows');
        assert.equal(await settled(answers), false, 'neither transaction is answered before its flush is done');
        assert.notEqual(commits.pendingFlush(), undefined, 'the flush is pending');
        const read = count(db);
        assert.equal(await settled(read), false, 'a read outside the group commit waits for the flush');
        flush.open();
        assert.deepEqual(await answers, [1, 2], 'each caller gets its own result once the flush is done');
        assert.equal(await read, 2, 'the waiting read then sees both rows');
        await turns(1);
        assert.equal(commits.pendingFlush(), undefined, 'nothing is pending any more');
        const { synchronous } = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!;
        assert.equal(synchronous, 2, 'every other write on the connection is FULL again');
      },
    );
  });

  it('commits the next batch while the last one is being flushed, and answers it after a flush that began after its commit', { skip }, async () => {
    const { flush, gates } = gatedFlushes();
    await withGroupCommit(flush, async (commits, _db, file) => {
      const first = commits.run(insert(1));
      await turns();
      assert.equal(gates.length, 1, 'the first batch is committed and its flush runs');
      const second = commits.run(insert(2));
      await turns();
      assert.equal(committed(file), 2, 'the second batch committed while the first flush ran');
      assert.equal(gates.length, 1, 'its flush waits for the running one to end: that one began before its commit');
      gates[0]!.open();
      assert.equal(await first, 1, 'the first batch is answered after its flush');
      await turns(1);
      assert.equal(gates.length, 2, 'then the second flush begins');
      assert.equal(await settled(second), false, 'and the second batch waits for it');
      gates[1]!.open();
      assert.equal(await second, 2);
    });
  });

  it('fails every transaction of the batch when the flush fails', { skip }, () =>
    withGroupCommit(
      async () => {
        throw new Error('the disk refused to flush');
      },
      async (commits, db) => {
        const outcomes = await Promise.allSettled([commits.run(insert(1)), commits.run(insert(2))]);
        for (const outcome of outcomes) {
          assert.equal(outcome.status, 'rejected', 'no transaction is acknowledged without its flush');
          assert.match(String((outcome as PromiseRejectedResult).reason), /the disk refused to flush/);
        }
        assert.equal(await count(db), 2, 'statements outside the group commit go on (the rows are committed)');
      },
    ),
  );

  it('flushes the WAL file SQLite keeps next to the database (walSync)', { skip }, () =>
    withGroupCommit(
      async () => undefined,
      async (_commits, db, file) => {
        await sql`insert into t (x) values (1)`.execute(db);
        const wal = walSync(file + '-wal');
        try {
          await Promise.all([wal.sync(), wal.sync(), wal.sync()]);
        } finally {
          wal.close();
        }
      },
    ),
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
