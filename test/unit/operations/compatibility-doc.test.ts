import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildCompatibility, COMPATIBILITY_FILE, report, testCases, uncovered, unreachableProblems } from '../../../scripts/compatibility.js';

describe('docs/compatibility.md', () => {
  const { text, reports } = buildCompatibility();

  it('is up to date (run `npm run docs`)', () => {
    assert.equal(readFileSync(COMPATIBILITY_FILE, 'utf8'), text, 'docs/compatibility.md is stale: run `npm run docs` and commit it');
  });

  it('every error code of every operation has a covering test or a reason why it cannot arise here', () => {
    assert.equal(reports.length, 38, 'the 12 message-contact and 26 tree operations');
    assert.deepEqual(uncovered(reports), [], 'codes without a covering test: write one, or record why the code is unreachable');
  });

  it('every unreachable reason is for one of the operation\'s codes, says why, and no test expects that code', () => {
    assert.deepEqual(unreachableProblems(reports), []);
    assert.ok(reports.some((r) => r.group === 'directory' && r.codes.some((c) => c.unreachable !== undefined)), 'the tree operations record unreachable codes too');
  });

  it('attributes a code to the operation its statement names before it, not to every operation of the test', () => {
    const source = [
      "it('table', async () => {",
      "  const cases = [['GetAccount', { AccountId: '1' }, 'EntityNotExists.Account'], ['CreateFolder', {}, 'EntityNotExists.ResourceDirectory']];",
      "  for (const [a, p, code] of cases) await rejectsWith(call(a, p), code, 404);",
      "  await rejectsWith(call('ListAccounts', { PageNumber: 0 }), 'InvalidParameter.PageNumber', 400);",
      "  const err = await call('UpdateFolder', {}).catch((e) => e);",
      "  assert.equal(err.code, 'MissingParameter.FolderId');",
      "});",
    ].join('\n');
    const byAction = new Map(report(testCases('test/x.test.ts', source)).map((r) => [r.action, r]));
    const covered = (action: string, code: string) => (byAction.get(action)!.codes.find((c) => c.code === code)?.tests.length ?? 0) > 0;
    assert.equal(covered('GetAccount', 'EntityNotExists.Account'), true, 'a row of a table of cases');
    assert.equal(covered('CreateFolder', 'EntityNotExists.ResourceDirectory'), true, 'another row');
    assert.equal(covered('ListAccounts', 'InvalidParameter.PageNumber'), true, 'a call and its code');
    assert.equal(covered('UpdateFolder', 'MissingParameter.FolderId'), true, 'a code checked apart from the call');
    assert.equal(covered('ListAccounts', 'EntityNotExists.ResourceDirectory'), false, 'a code of another row does not count');
    assert.equal(covered('CreateFolder', 'InvalidParameter.PageNumber'), false, 'nor the code of another call');
  });

  it('lists every operation, parameter and code of the tables', () => {
    const contacts = reports.filter((r) => r.group === 'contacts');
    assert.equal(contacts.length, 12);
    assert.ok(contacts.every((r) => /MessageContact|Members$/.test(r.action)));
    for (const r of reports) {
      assert.ok(text.includes(`## ${r.action}`), r.action);
      for (const p of r.params) assert.ok(text.includes(`\`${p.spec.name}\``), `${r.action} ${p.spec.name}`);
      for (const c of r.codes) assert.ok(text.includes(`\`${c.code}\``), `${r.action} ${c.code}`);
    }
  });

  it('finds test cases and their bodies, not fooled by parentheses in strings and comments', () => {
    const source = [
      "describe('x', () => {",
      "  it('first (with a paren', async () => { call('A', ')'); /* ) */ });",
      '  // it(\'commented\', () => {})',
      "  it(`second`, () => { expect('B', `t ${f(')')}`); });",
      "});",
    ].join('\n');
    const cases = testCases('test/x.test.ts', source);
    assert.deepEqual(cases.map((c) => c.title), ['first (with a paren', 'second']);
    assert.ok(cases[0]!.body.includes("call('A', ')')") && !cases[0]!.body.includes("'B'"));
    assert.ok(cases[1]!.body.includes("'B'"));
  });
});
