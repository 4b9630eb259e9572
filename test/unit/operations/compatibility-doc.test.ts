/**
 * The builder of docs/compatibility.md (scripts/compatibility.ts) over made-up answer records, and the
 * operation tables it reads. Whether the committed file matches what the servers of the whole suite
 * answered is checked by `npm test` itself, after the run (scripts/test.mjs): only then is there a record.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCompatibility, report, tableProblems, undeclared } from '../../../scripts/compatibility.js';
import { registry } from '../../../src/operations/registry.js';
import type { Answer } from '../../../src/protocol/answer-record.js';

const ok = (action: string, params: string[]): Answer => ({ action, version: '2022-04-19', params, status: 200 });
const refused = (action: string, params: string[], code: string, status = 400, version = '2022-04-19'): Answer => ({ action, version, params, status, code });

function byAction(answers: Answer[]) {
  return new Map(report(answers).filter((r) => r.version === '2022-04-19').map((r) => [r.action, r]));
}

describe('docs/compatibility.md from an answer record', () => {
  it('credits a parameter only with answers to its own operation that carried it', () => {
    const reports = byAction([
      ok('AddMessageContact', ['Name', 'EmailAddress', 'Title', 'MessageTypes']),
      refused('UpdateMessageContact', ['ContactId', 'Name'], 'InvalidParameter.Name'),
      refused('AddMessageContact', ['EmailAddress', 'Title', 'MessageTypes'], 'MissingParameter.Name'),
    ]);
    const add = reports.get('AddMessageContact')!;
    const update = reports.get('UpdateMessageContact')!;
    const param = (r: typeof add, name: string) => r.params.find((p) => p.spec.name === name)!;
    const check = (r: typeof add, name: string, code: string) => param(r, name).codes.find((c) => c.code === code)!.answered;
    assert.equal(param(add, 'Name').succeeded, true, 'a successful AddMessageContact carried Name');
    assert.equal(param(add, 'PhoneNumber').succeeded, false, 'no AddMessageContact carried PhoneNumber');
    assert.equal(check(add, 'Name', 'InvalidParameter.Name'), false, 'an UpdateMessageContact answer does not count for AddMessageContact');
    assert.equal(check(update, 'Name', 'InvalidParameter.Name'), true);
    assert.equal(check(add, 'Name', 'MissingParameter.Name'), true, 'a missing-parameter code answers a request without the parameter');
    assert.equal(param(update, 'Name').succeeded, false);
    assert.equal(add.codes.find((c) => c.code === 'InvalidParameter.Name')!.answered, false);
    assert.equal(update.codes.find((c) => c.code === 'InvalidParameter.Name')!.answered, true);
  });

  it('lists a code never answered, and refuses an unreachable code that was answered', () => {
    const { problems } = buildCompatibility([refused('GetAccount', ['AccountId'], 'EntityNotExists.ResourceDirectory', 404)]);
    assert.ok(problems.includes('GetAccount: EntityNotExists.ResourceDirectory is marked unreachable, yet it was answered'), problems.join('\n'));
    assert.ok(problems.includes('GetAccount: EntityNotExists.Account was never answered: test it, or record why it is unreachable'), problems.join('\n'));
  });

  it('has no problem when every reachable code was answered', () => {
    const answers = report([]).flatMap((r) => r.codes.filter((c) => c.unreachable === undefined).map((c) => refused(r.action, [], c.code, c.status, r.version)));
    assert.deepEqual(buildCompatibility(answers).problems, []);
  });

  it('lists codes an operation answered beyond its tables, but not gateway codes, and refuses them', () => {
    const answers = [refused('GetFolder', ['FolderId'], 'EntityNotExists.Contact', 404), refused('GetFolder', [], 'SignatureDoesNotMatch'), refused('GetFolder', ['FolderId'], 'EntityNotExists.Folder', 404)];
    assert.deepEqual(undeclared(answers), ['GetFolder: EntityNotExists.Contact']);
    assert.ok(buildCompatibility(answers).problems.some((p) => p.startsWith('GetFolder: EntityNotExists.Contact was answered, yet')));
  });

  it('is the same text whatever the order of the answers, and names every operation, parameter and code', () => {
    const answers = [ok('GetFolder', ['FolderId']), refused('ListAccounts', ['PageSize'], 'InvalidParameter.PageSize'), { status: 400, code: 'SignatureDoesNotMatch' }];
    const { text, reports } = buildCompatibility(answers);
    assert.equal(buildCompatibility([...answers].reverse()).text, text);
    assert.ok(text.includes('| `SignatureDoesNotMatch` | 400 | Specified signature is not matched with our calculation. | yes |'), 'a gateway code answered');
    for (const r of reports) {
      assert.ok(text.includes(`## ${r.action}`), r.action);
      for (const p of r.params) assert.ok(text.includes(`\`${p.spec.name}\`<br>${p.spec.doc.replace(/\|/g, '\\|')}`), `${r.action} ${p.spec.name}`);
      for (const c of r.codes) assert.ok(text.includes(`\`${c.code}\``), `${r.action} ${c.code}`);
    }
    assert.ok(!/test\/|\.test\.ts/.test(text), 'no test names: they are not what the server saw');
  });
});

describe('the operation tables', () => {
  it('are every operation the server declares, each under its own product and version; 12 are message-contact ones', () => {
    const reports = report([]);
    assert.deepEqual(
      reports.map((r) => `${r.version} ${r.action}`),
      registry.all().map((op) => `${op.version} ${op.action}`),
    );
    assert.ok(reports.some((r) => r.product === 'Sts' && r.action === 'AssumeRole'));
    const contacts = reports.filter((r) => r.group === 'contacts');
    assert.equal(contacts.length, 12);
    assert.ok(contacts.every((r) => /MessageContact|Members$/.test(r.action)));
  });

  it('every unreachable reason is for one of the operation\'s codes and says why', () => {
    assert.deepEqual(tableProblems(), []);
    assert.ok(report([]).some((r) => r.group === 'directory' && r.codes.some((c) => c.unreachable !== undefined)), 'the tree operations record unreachable codes too');
  });

  it('every parameter of every operation is described', () => {
    for (const op of registry.all()) for (const p of op.params) assert.ok(p.doc.trim().length >= 10, `${op.action} ${p.name}: a doc`);
  });
});
