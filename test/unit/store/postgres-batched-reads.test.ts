/**
 * The PostgreSQL store's point reads of one turn run together (src/store/postgres/batched-reads.ts): one
 * statement per text, each caller's parameters an element of its arrays, each row handed to the caller it
 * answers; a text read once runs as it is; a failure fails that statement's callers only.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchable, batchedReads, batchedText } from '../../../src/store/postgres/batched-reads.js';

const CONTACT = 'select contacts.* from contacts where contacts.id = $1 and contacts.directory_id = $2';
const DIRECTORY = 'select * from directories where account_id = $1';

describe('point reads run together per turn (PostgreSQL)', () => {
  it('runs each text once per turn: several callers as one batched statement, one caller as it is', async () => {
    const statements: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    const read = batchedReads(async (sql, parameters) => {
      statements.push({ sql, parameters });
      if (sql === DIRECTORY) return [{ id: 'rd-1' }];
      // The rows of callers 1 and 3 (caller 2's contact does not exist), out of order as a join may give them.
      return [
        { rdc_caller: 3, id: 'c-c', directory_id: 'rd-3' },
        { rdc_caller: 1, id: 'c-a', directory_id: 'rd-1' },
      ];
    });
    const answers = await Promise.all([read(CONTACT, ['c-a', 'rd-1']), read(CONTACT, ['c-b', 'rd-2']), read(DIRECTORY, ['100']), read(CONTACT, ['c-c', 'rd-3'])]);
    assert.deepEqual(answers, [[{ id: 'c-a', directory_id: 'rd-1' }], [], [{ id: 'rd-1' }], [{ id: 'c-c', directory_id: 'rd-3' }]]);
    assert.deepEqual(statements, [
      { sql: batchedText(CONTACT, 2), parameters: [['c-a', 'c-b', 'c-c'], ['rd-1', 'rd-2', 'rd-3']] },
      { sql: DIRECTORY, parameters: ['100'] },
    ]);
    await read(DIRECTORY, ['200']);
    assert.equal(statements.length, 3, 'a later turn reads again');
  });

  it('reads a batch as the text once per element of the arrays, its parameters taken from the element', () => {
    assert.equal(
      batchedText(CONTACT, 2),
      'select rdc_batch.rdc_caller, rdc_row.* from unnest($1::text[], $2::text[]) with ordinality as rdc_batch(p1, p2, rdc_caller) ' +
        'cross join lateral (select contacts.* from contacts where contacts.id = rdc_batch.p1 and contacts.directory_id = rdc_batch.p2) as rdc_row',
    );
    const eleven = `select * from t where ${Array.from({ length: 11 }, (_, i) => `c${i + 1} = $${i + 1}`).join(' and ')}`;
    assert.match(batchedText(eleven, 11), /c1 = rdc_batch\.p1 and .* c10 = rdc_batch\.p10 and c11 = rdc_batch\.p11\)/);
  });

  it("fails every caller of a statement that fails, and only that statement's", async () => {
    const read = batchedReads(async (sql) => {
      if (sql !== DIRECTORY) throw new Error('lock timeout');
      return [{ id: 'rd-1' }];
    });
    const results = await Promise.allSettled([read(CONTACT, ['c-a', 'rd-1']), read(CONTACT, ['c-b', 'rd-1']), read(DIRECTORY, ['100'])]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'fulfilled'],
    );
  });

  it('batches only string parameters PostgreSQL takes as text: a bad value is read alone and fails alone', () => {
    assert.equal(batchable(['c-a', 'rd-1']), true);
    assert.equal(batchable([]), false, 'no parameter: nothing to batch by');
    assert.equal(batchable(['c-a', 7]), false, 'a number is not text[]');
    assert.equal(batchable(['c-a', null]), false);
    assert.equal(batchable(['c-\u0000a', 'rd-1']), false, 'a NUL would fail the whole statement');
  });
});
