import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildCompatibility, COMPATIBILITY_FILE, testCases, uncovered } from '../../scripts/compatibility.js';

describe('docs/compatibility.md', () => {
  const { text, reports } = buildCompatibility();

  it('is up to date (run `npm run docs`)', () => {
    assert.equal(readFileSync(COMPATIBILITY_FILE, 'utf8'), text, 'docs/compatibility.md is stale: run `npm run docs` and commit it');
  });

  it('every error code of the message-contact operations that can arise has a covering test', () => {
    assert.deepEqual(uncovered(reports.filter((r) => r.group === 'contacts')), []);
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
