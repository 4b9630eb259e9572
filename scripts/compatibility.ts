/**
 * Builds docs/compatibility.md from the operations' parameter tables and the test files: every operation,
 * parameter and error code, with the tests that cover it. A test covers an (operation, code) pair when one
 * of its statements names the code as a string literal after the operation
 * (`rejectsWith(call('GetMessageContact', …), 'EntityNotExists.Contact', 404)`, or one row
 * `['GetAccount', {…}, 'EntityNotExists.Account']` of a table of cases), or names the code in a statement
 * that names no operation while the test names the operation elsewhere (a code checked apart from the call,
 * or one code expected of a loop over operations). A test covers a parameter when it names the operation
 * and uses the parameter as a key (`ContactId:`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { operations } from '../src/operations/registry.js';
import { contactOperations } from '../src/operations/contacts/index.js';
import type { Operation, ParamSpec } from '../src/operations/operation.js';
import { ApiError, type AnyErrorCode } from '../src/errors/api-error.js';

export interface TestCase {
  file: string;
  title: string;
  body: string;
  /** The body split into statements (at `;` outside strings and comments). */
  statements: string[];
}

export interface CodeRow {
  code: string;
  status: number;
  message: string;
  /** `table`: the documented error table; `check`: a parameter check; `also`: answered beyond the table. */
  source: 'table' | 'check' | 'also';
  unreachable: string | undefined;
  tests: TestCase[];
}

export interface OperationReport {
  action: string;
  /** A message-contact operation or a directory-tree one. */
  group: 'contacts' | 'directory';
  params: Array<{ spec: ParamSpec; codes: string[]; tests: TestCase[] }>;
  codes: CodeRow[];
  tests: TestCase[];
}

const ROOT = join(import.meta.dirname, '..');

export function findTestFiles(dir = join(ROOT, 'test')): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findTestFiles(path);
      return name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

/**
 * The `it(…)` / `test(…)` cases of a test file: title and body text. A small scanner that skips strings,
 * template literals and comments, so parentheses inside them do not confuse it.
 */
export function testCases(file: string, source: string): TestCase[] {
  const cases: TestCase[] = [];
  const call = /\b(?:it|test)\s*\(/g;
  for (let m = call.exec(source); m; m = call.exec(source)) {
    if (insideLiteral(source, m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = matchingParen(source, open);
    if (close < 0) continue;
    const inner = source.slice(open + 1, close);
    const title = /^\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/.exec(inner);
    if (!title) continue;
    cases.push({ file: relative(ROOT, file), title: title[2]!, body: inner, statements: statements(inner) });
    call.lastIndex = close;
  }
  return cases;
}

function statements(body: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < body.length) {
    const next = skip(body, i);
    if (next !== i) {
      i = next;
      continue;
    }
    if (body[i] === ';') {
      out.push(body.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  out.push(body.slice(start));
  return out;
}

function insideLiteral(source: string, index: number): boolean {
  let i = 0;
  while (i < index) {
    const next = skip(source, i);
    if (next > index) return true;
    i = next === i ? i + 1 : next;
  }
  return false;
}

/** If a string, template, or comment starts at i, the index after it; else i. */
function skip(s: string, i: number): number {
  const c = s[i];
  if (c === '/' && s[i + 1] === '/') {
    const end = s.indexOf('\n', i);
    return end < 0 ? s.length : end;
  }
  if (c === '/' && s[i + 1] === '*') {
    const end = s.indexOf('*/', i + 2);
    return end < 0 ? s.length : end + 2;
  }
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== c && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') {
    let j = i + 1;
    while (j < s.length && s[j] !== '`') {
      if (s[j] === '\\') j += 2;
      else if (s[j] === '$' && s[j + 1] === '{') j = matchingBrace(s, j + 1) + 1;
      else j++;
    }
    return j + 1;
  }
  return i;
}

function matchingParen(s: string, open: number): number {
  return matching(s, open, '(', ')');
}

function matchingBrace(s: string, open: number): number {
  return matching(s, open, '{', '}');
}

function matching(s: string, open: number, up: string, down: string): number {
  let depth = 0;
  let i = open;
  while (i < s.length) {
    const next = skip(s, i);
    if (next !== i) {
      i = next;
      continue;
    }
    if (s[i] === up) depth++;
    else if (s[i] === down && --depth === 0) return i;
    i++;
  }
  return -1;
}

function literal(name: string): RegExp {
  return new RegExp(`['"\`]${name.replace(/\./g, '\\.')}['"\`]`);
}

/** The codes a parameter row can answer, in its own order. */
export function paramCodes(spec: ParamSpec): string[] {
  const codes: string[] = [];
  if (spec.required) codes.push(spec.missingError ?? `MissingParameter.${spec.name}`);
  if (spec.type === 'integer' || spec.type === 'boolean') codes.push(spec.typeError ?? `InvalidParameter.${spec.name}`);
  for (const check of spec.checks ?? []) codes.push(check.code);
  return [...new Set(codes)];
}

export function report(cases: TestCase[]): OperationReport[] {
  const named = new Map(cases.map((c) => [c, namedCodes(c, new Set(operations.keys()))]));
  return [...operations.values()].map((op: Operation) => {
    const mentions = cases.filter((c) => literal(op.action).test(c.body));
    const fromParams = op.params.flatMap(paramCodes);
    const ordered = [...new Set<string>([...op.errors, ...fromParams, ...(op.alsoAnswers ?? [])])];
    const codes: CodeRow[] = ordered.map((code) => {
      const e = new ApiError(code as AnyErrorCode);
      return {
        code,
        status: e.status,
        message: e.message,
        source: op.errors.includes(code as AnyErrorCode) ? 'table' : fromParams.includes(code) ? 'check' : 'also',
        unreachable: op.unreachable?.[code as AnyErrorCode],
        tests: codeCovering(mentions, named, op.action, code),
      };
    });
    const params = op.params.map((spec) => ({
      spec,
      codes: paramCodes(spec),
      tests: covering(mentions, op.action, new RegExp(`\\b${spec.name}\\s*:`)),
    }));
    return { action: op.action, group: contactOperations.includes(op) ? 'contacts' : 'directory', params, codes, tests: mentions };
  });
}

/** The string literals of a test that name codes: with the operation each goes to, or none (`loose`). */
interface NamedCodes {
  /** `<Action> <code>` pairs. */
  pairs: Set<string>;
  loose: Set<string>;
}

/**
 * In each statement, a literal goes to the operation named last before it, or (when none is before it) to
 * the first one after it; in a statement naming no operation it is loose.
 */
function namedCodes(t: TestCase, actions: ReadonlySet<string>): NamedCodes {
  const pairs = new Set<string>();
  const loose = new Set<string>();
  for (const s of t.statements) {
    let current: string | undefined;
    const before: string[] = [];
    for (const m of s.matchAll(/['"`]([A-Za-z][\w.]*)['"`]/g)) {
      const name = m[1]!;
      if (actions.has(name)) {
        if (current === undefined) for (const c of before) pairs.add(`${name} ${c}`);
        current = name;
      } else if (current !== undefined) pairs.add(`${current} ${name}`);
      else before.push(name);
    }
    if (current === undefined) for (const c of before) loose.add(c);
  }
  return { pairs, loose };
}

/** The tests that name the code for this operation; when none does, those naming the operation and the code loose. */
function codeCovering(mentions: TestCase[], named: Map<TestCase, NamedCodes>, action: string, code: string): TestCase[] {
  const precise = [...named].filter(([, n]) => n.pairs.has(`${action} ${code}`)).map(([t]) => t);
  return precise.length > 0 ? precise : mentions.filter((t) => named.get(t)!.loose.has(code));
}

/**
 * The tests that name the operation and the parameter in one statement (`expectError(call('X', …), 'Code')`); when
 * none does, those that name both anywhere in their body (a code checked apart from the call).
 */
function covering(mentions: TestCase[], action: string, what: string | RegExp): TestCase[] {
  const a = literal(action);
  const c = typeof what === 'string' ? literal(what) : what;
  const precise = mentions.filter((t) => t.statements.some((s) => a.test(s) && c.test(s)));
  return precise.length > 0 ? precise : mentions.filter((t) => c.test(t.body));
}

/** Codes that can arise but no test names. */
export function uncovered(reports: OperationReport[]): string[] {
  return reports.flatMap((r) => r.codes.filter((c) => c.unreachable === undefined && c.tests.length === 0).map((c) => `${r.action}: ${c.code}`));
}

/**
 * Unreachable reasons that do not hold together: one for a code the operation does not answer, one without a
 * reason, or one for a code a test expects (the reason or the test is wrong).
 */
export function unreachableProblems(reports: OperationReport[]): string[] {
  return reports.flatMap((r) => {
    const op = operations.get(r.action)!;
    const problems: string[] = [];
    for (const [code, reason] of Object.entries(op.unreachable ?? {})) {
      const row = r.codes.find((c) => c.code === code);
      if (!row) problems.push(`${r.action}: ${code} is marked unreachable but is not one of its codes`);
      else if ((reason ?? '').trim().length < 20) problems.push(`${r.action}: ${code} needs a reason why it is unreachable`);
      else if (row.tests.length > 0) problems.push(`${r.action}: ${code} is marked unreachable, yet ${row.tests.map((t) => `${t.file} › ${t.title}`).join(', ')} expects it`);
    }
    return problems;
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function testList(tests: TestCase[], max = 3): string {
  if (tests.length === 0) return '—';
  const shown = tests.slice(0, max).map((t) => `${t.file.replace(/^test\//, '')} › ${cell(t.title)}`);
  return shown.join('<br>') + (tests.length > max ? `<br>(+${tests.length - max} more)` : '');
}

function required(spec: ParamSpec): string {
  if (spec.required === true) return 'yes';
  if (spec.required === 'effectively') return 'effectively (documented optional)';
  return 'no';
}

export function renderCompatibility(reports: OperationReport[]): string {
  const out: string[] = [];
  out.push('# Compatibility: operations, parameters, error codes and the tests that cover them');
  out.push('');
  out.push('Generated by `npm run docs` (scripts/gen-compatibility.ts) from the parameter table of each operation and from');
  out.push('the test files; do not edit by hand. `test/unit/operations/compatibility-doc.test.ts` fails when this file is stale, when');
  out.push('an error code of any operation has neither a covering test nor a reason why it cannot arise here (the');
  out.push('Unreachable column; the reason is kept in the operation\'s file), or when a code marked unreachable is expected by');
  out.push('a test. A test covers a code when one of its statements names the code after the operation (a call and the code');
  out.push('it expects, or one row of a table of cases), or names the code alone while the test calls the operation');
  out.push('elsewhere; it covers a parameter when it names the operation and passes the parameter.');
  out.push('');
  out.push('Checks run in the order of each operation\'s error table (codes outside the table after it): first every');
  out.push('check of the parameters alone, then the checks that need the store (the caller\'s directory, names in use,');
  out.push('limits, the contact, its status, a mutation in flight) in table order. So a malformed request is refused the');
  out.push('same way whatever the data, and `InvalidParameter.Name.AlreadyUsed`, listed early in the AddMessageContact table,');
  out.push('answers only once every parameter is well formed. Gateway errors (signatures, timestamps, unknown actions)');
  out.push('apply to every operation and are described in the README.');
  out.push('');
  out.push('| Operation | Parameters | Error codes | Covered by tests | Unreachable |');
  out.push('|---|---|---|---|---|');
  for (const r of reports) {
    const unreachable = r.codes.filter((c) => c.unreachable !== undefined).length;
    const covered = r.codes.filter((c) => c.tests.length > 0).length;
    out.push(`| [${r.action}](#${r.action.toLowerCase()}) | ${r.params.length} | ${r.codes.length} | ${covered} | ${unreachable} |`);
  }
  for (const r of reports) {
    out.push('');
    out.push(`## ${r.action}`);
    out.push('');
    out.push(`Tests calling it: ${r.tests.length}.`);
    out.push('');
    if (r.params.length > 0) {
      out.push('| Parameter | Type | Required | Default | Checks (code: rule) | Tests |');
      out.push('|---|---|---|---|---|---|');
      for (const p of r.params) {
        const checks = (p.spec.checks ?? []).map((c) => `\`${c.code}\`: ${cell(c.rule)}`);
        if (p.spec.required) checks.unshift(`\`${p.spec.missingError ?? `MissingParameter.${p.spec.name}`}\`: present`);
        if (p.spec.type === 'integer' || p.spec.type === 'boolean') checks.unshift(`\`${p.spec.typeError ?? `InvalidParameter.${p.spec.name}`}\`: ${p.spec.type === 'integer' ? 'an integer' : '`true` or `false`'}`);
        const doc = p.spec.doc ? `<br>${cell(p.spec.doc)}` : '';
        out.push(`| \`${p.spec.name}\`${doc} | ${p.spec.type === 'array' ? 'array (`Name.N`)' : p.spec.type} | ${required(p.spec)} | ${p.spec.default === undefined ? '—' : `\`${String(p.spec.default)}\``} | ${checks.join('<br>') || '—'} | ${testList(p.tests, 2)} |`);
      }
      out.push('');
    }
    out.push('| Code | HTTP | Message | Source | Tests |');
    out.push('|---|---|---|---|---|');
    for (const c of r.codes) {
      const source = c.source === 'table' ? 'documented' : c.source === 'check' ? 'parameter check' : 'also answered';
      const tests = c.unreachable !== undefined ? `unreachable: ${cell(c.unreachable)}` : c.tests.length === 0 ? '**none**' : testList(c.tests);
      out.push(`| \`${c.code}\` | ${c.status} | ${cell(c.message)} | ${source} | ${tests} |`);
    }
  }
  const missing = uncovered(reports);
  out.push('');
  out.push('## Codes without a covering test');
  out.push('');
  out.push('There must be none (the test enforces it): a code listed here needs a test, or an `unreachable` reason in its');
  out.push('operation\'s file when the condition cannot arise in rdcontacts.');
  out.push('');
  out.push(missing.length === 0 ? 'None.' : missing.map((m) => `- ${m}`).join('\n'));
  out.push('');
  return out.join('\n');
}

/** The document as the current code and tests make it. */
export function buildCompatibility(): { text: string; reports: OperationReport[] } {
  const cases = findTestFiles().flatMap((file) => testCases(file, readFileSync(file, 'utf8')));
  const reports = report(cases);
  return { text: renderCompatibility(reports), reports };
}

export const COMPATIBILITY_FILE = join(ROOT, 'docs', 'compatibility.md');
