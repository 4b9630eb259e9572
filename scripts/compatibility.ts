/**
 * Builds docs/compatibility.md from the operations' tables and the answer record of a test run (what the
 * servers answered, see src/protocol/answer-record.ts): every operation, parameter and error code, and
 * whether some request was answered so. Only what the server saw counts: a parameter is credited with the
 * answers to requests of its operation that carried it, a code with the answers of that operation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_VERSION, registry } from '../src/operations/registry.js';
import { contactOperations } from '../src/operations/contacts/index.js';
import type { Operation, ParamSpec } from '../src/operations/operation.js';
import { ApiError, type AnyErrorCode } from '../src/errors/api-error.js';
import { gatewayCodes } from '../src/errors/gateway-codes.js';
import type { Answer } from '../src/protocol/answer-record.js';
import { REPO_ROOT } from './spec-dir.js';

export const COMPATIBILITY_FILE = join(REPO_ROOT, 'docs', 'compatibility.md');

export interface CodeRow {
  code: string;
  status: number;
  message: string;
  /** `table`: the documented error table; `check`: a parameter check; `also`: answered beyond the table. */
  source: 'table' | 'check' | 'also';
  /**
   * Only the rule every string parameter follows (no control characters: docs/decisions.md#gateway-errors)
   * answers it: shown like the rest, but not required to be answered for each parameter.
   */
  generic: boolean;
  unreachable: string | undefined;
  answered: boolean;
}

export interface ParamRow {
  spec: ParamSpec;
  /** The codes of its own row (missing, type, checks), each with whether the operation answered it. */
  codes: Array<{ code: string; rule: string; answered: boolean }>;
  /** Some request carrying it was answered successfully. */
  succeeded: boolean;
}

export interface OperationReport {
  action: string;
  product: string;
  version: string;
  /** A message-contact operation or a directory-tree one. */
  group: 'contacts' | 'directory';
  params: ParamRow[];
  codes: CodeRow[];
  succeeded: boolean;
}

export interface GatewayRow {
  code: string;
  status: number;
  message: string;
  answered: boolean;
}

/** Every answer of a record folder (the `*.jsonl` files the servers of a run appended to). */
export function readRecord(dir: string): Answer[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Answer),
    );
}

/** The codes a parameter row can answer, in its own order, with the rule of each. */
export function paramChecks(spec: ParamSpec): Array<{ code: string; rule: string; generic?: boolean }> {
  const checks: Array<{ code: string; rule: string; generic?: boolean }> = [];
  if (spec.required) checks.push({ code: spec.missingError ?? `MissingParameter.${spec.name}`, rule: 'present' });
  const typeCode = spec.typeError ?? `InvalidParameter.${spec.name}`;
  if (spec.type === 'integer' || spec.type === 'boolean') checks.push({ code: typeCode, rule: spec.type === 'integer' ? 'an integer' : '`true` or `false`' });
  for (const check of spec.checks ?? []) if (!checks.some((c) => c.code === check.code)) checks.push({ code: check.code, rule: check.rule });
  // Every value is refused with control characters (validate.ts), whatever else its row checks.
  if (!checks.some((c) => c.code === typeCode)) checks.push({ code: typeCode, rule: 'no control characters', generic: true });
  return checks;
}

/** Codes of the operation's parameters that only the generic control-character rule answers. */
function genericCodes(op: Operation): string[] {
  const specific = new Set<string>([...op.errors, ...(op.alsoAnswers ?? []), ...op.params.flatMap((p) => paramChecks(p).filter((c) => !c.generic).map((c) => c.code))]);
  return op.params.flatMap((p) => paramChecks(p).filter((c) => c.generic && !specific.has(c.code)).map((c) => c.code));
}

/** Every code an operation can answer: its table, then its parameter checks, then what it answers beyond them. */
export function operationCodes(op: Operation): string[] {
  return [...new Set<string>([...op.errors, ...op.params.flatMap((p) => paramChecks(p).map((c) => c.code)), ...(op.alsoAnswers ?? [])])];
}

/** The operation that served an answer: its (Version, Action), as the pipeline routes it. */
function operationOf(a: Answer): Operation | undefined {
  return a.action === undefined ? undefined : registry.route(a.version ?? DEFAULT_VERSION, a.action)?.operation;
}

/** An operation's heading: its action, and its product and version when it is not ResourceDirectoryMaster 2022-04-19. */
function headingOf(r: OperationReport): string {
  return r.version === DEFAULT_VERSION ? r.action : `${r.action} (${r.product} ${r.version})`;
}

/** GitHub's anchor of a heading. */
function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

export function report(answers: readonly Answer[]): OperationReport[] {
  return registry.all().map((op: Operation) => {
    const mine = answers.filter((a) => a.action !== undefined && operationOf(a) === op);
    const answeredCode = (code: string) => mine.some((a) => a.code === code);
    const fromParams = op.params.flatMap((p) => paramChecks(p).map((c) => c.code));
    const codes: CodeRow[] = operationCodes(op).map((code) => {
      const e = new ApiError(code as AnyErrorCode);
      return {
        code,
        status: e.status,
        message: e.message,
        source: op.errors.includes(code as AnyErrorCode) ? 'table' : fromParams.includes(code) ? 'check' : 'also',
        generic: genericCodes(op).includes(code),
        unreachable: op.unreachable?.[code as AnyErrorCode],
        answered: answeredCode(code),
      };
    });
    const params = op.params.map((spec): ParamRow => {
      const carrying = mine.filter((a) => a.params?.includes(spec.name));
      const missing = spec.required ? (spec.missingError ?? `MissingParameter.${spec.name}`) : undefined;
      return {
        spec,
        // A missing-parameter code answers requests that did not carry it (or carried it empty).
        codes: paramChecks(spec).map((c) => ({ ...c, answered: c.code === missing ? answeredCode(c.code) : carrying.some((a) => a.code === c.code) })),
        succeeded: carrying.some((a) => a.code === undefined && a.status === 200),
      };
    });
    return {
      action: op.action,
      product: op.product,
      version: op.version,
      group: contactOperations.includes(op) ? 'contacts' : 'directory',
      params,
      codes,
      succeeded: mine.some((a) => a.code === undefined && a.status === 200),
    };
  });
}

export function gatewayReport(answers: readonly Answer[]): GatewayRow[] {
  const answered = new Set(answers.map((a) => a.code));
  return Object.keys(gatewayCodes)
    .sort()
    .map((code) => {
      const e = new ApiError(code as AnyErrorCode);
      return { code, status: e.status, message: e.message, answered: answered.has(code) };
    });
}

/** `<Action>: <code>` of the codes an operation answered that none of its tables lists and that are not gateway codes. */
export function undeclared(answers: readonly Answer[]): string[] {
  const out = new Set<string>();
  for (const a of answers) {
    if (a.code === undefined || a.action === undefined || a.code in gatewayCodes) continue;
    const op = operationOf(a);
    if (op && !operationCodes(op).includes(a.code)) out.add(`${a.action}: ${a.code}`);
  }
  return [...out].sort();
}

/** Codes that can arise but no server answered. */
export function unanswered(reports: OperationReport[]): string[] {
  return reports.flatMap((r) => r.codes.filter((c) => c.unreachable === undefined && !c.answered && !c.generic).map((c) => `${r.action}: ${c.code}`));
}

/** Unreachable reasons that do not hold together on the tables alone: for a code the operation does not answer, or without a reason. */
export function tableProblems(): string[] {
  return registry.all().flatMap((op) =>
    Object.entries(op.unreachable ?? {}).flatMap(([code, reason]) => {
      if (!operationCodes(op).includes(code)) return [`${op.action}: ${code} is marked unreachable but is not one of its codes`];
      if ((reason ?? '').trim().length < 20) return [`${op.action}: ${code} needs a reason why it is unreachable`];
      return [];
    }),
  );
}

/** Codes marked unreachable that a server answered all the same (the reason or the code is wrong). */
export function answeredUnreachable(reports: OperationReport[]): string[] {
  return reports.flatMap((r) => r.codes.filter((c) => c.unreachable !== undefined && c.answered).map((c) => `${r.action}: ${c.code} is marked unreachable, yet it was answered`));
}

/**
 * Everything that makes the record refuse the tables: unanswered codes, answered unreachable ones, codes
 * answered beyond the tables, bad reasons.
 */
export function problems(reports: OperationReport[], beyond: string[]): string[] {
  return [
    ...unanswered(reports).map((m) => `${m} was never answered: test it, or record why it is unreachable`),
    ...answeredUnreachable(reports),
    ...beyond.map((m) => `${m} was answered, yet the operation's tables do not list it: declare it (alsoAnswers) or fix the bug`),
    ...tableProblems(),
  ];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function required(spec: ParamSpec): string {
  if (spec.required === true) return 'yes';
  if (spec.required === 'effectively') return 'effectively (documented optional)';
  return 'no';
}

function yesNo(answered: boolean): string {
  return answered ? 'yes' : '**no**';
}

export function renderCompatibility(reports: OperationReport[], gateway: GatewayRow[], beyond: string[]): string {
  const out: string[] = [];
  out.push('# Compatibility: operations, parameters, error codes and what the server answered');
  out.push('');
  out.push('Generated by `npm test` / `npm run docs` (scripts/compatibility.ts) from the parameter and error tables of each');
  out.push('operation and from the answer record of the whole test suite: while the SQLite run of `npm test` runs, every');
  out.push('test server appends what it answered to each API call (action, version, the parameters the request carried,');
  out.push('HTTP status, code; `RDC_ANSWER_RECORD`). Do not edit by hand: `npm test` fails when this file is stale');
  out.push('(`npm run docs` runs the suite and rewrites it), when an error code of an operation was never answered and has');
  out.push('no reason why it cannot arise here (the reason is kept in the operation\'s file), or when a code marked');
  out.push('unreachable was answered.');
  out.push('');
  out.push('A parameter is credited only with answers to calls of its own operation that carried it: "succeeded" when one');
  out.push('such call was answered successfully, and each code of its own checks when such a call was answered with it (a');
  out.push('missing-parameter code: when the operation answered it at all).');
  out.push('');
  out.push('Checks run in the order of each operation\'s error table (codes outside the table after it): first every');
  out.push('check of the parameters alone, then the checks that need the store (the caller\'s directory, names in use,');
  out.push('limits, the contact, its status, a mutation in flight) in table order. So a malformed request is refused the');
  out.push('same way whatever the data, and `InvalidParameter.Name.AlreadyUsed`, listed early in the AddMessageContact table,');
  out.push('answers only once every parameter is well formed. Gateway errors (signatures, timestamps, unknown actions)');
  out.push('apply to every operation: see [Gateway codes](#gateway-codes).');
  out.push('');
  out.push('| Operation | Succeeded | Parameters | Error codes | Answered | Unreachable |');
  out.push('|---|---|---|---|---|---|');
  for (const r of reports) {
    const unreachable = r.codes.filter((c) => c.unreachable !== undefined).length;
    const answered = r.codes.filter((c) => c.answered).length;
    out.push(`| [${headingOf(r)}](#${anchorOf(headingOf(r))}) | ${yesNo(r.succeeded)} | ${r.params.length} | ${r.codes.length} | ${answered} | ${unreachable} |`);
  }
  for (const r of reports) {
    out.push('');
    out.push(`## ${headingOf(r)}`);
    out.push('');
    if (r.params.length > 0) {
      out.push('| Parameter | Type | Required | Default | Checks (code: rule, answered) | Succeeded |');
      out.push('|---|---|---|---|---|---|');
      for (const p of r.params) {
        const checks = p.codes.map((c) => `\`${c.code}\`: ${cell(c.rule)}, ${yesNo(c.answered)}`);
        out.push(
          `| \`${p.spec.name}\`<br>${cell(p.spec.doc)} | ${p.spec.type === 'array' ? 'array (`Name.N`)' : p.spec.type === 'objectArray' ? 'objects (`Name.N.Key`)' : p.spec.type} | ${required(p.spec)} | ${p.spec.default === undefined ? '—' : `\`${String(p.spec.default)}\``} | ${checks.join('<br>') || '—'} | ${yesNo(p.succeeded)} |`,
        );
      }
      out.push('');
    }
    out.push('| Code | HTTP | Message | Source | Answered |');
    out.push('|---|---|---|---|---|');
    for (const c of r.codes) {
      const source = c.source === 'table' ? 'documented' : c.source === 'check' ? 'parameter check' : 'also answered';
      const answered = c.unreachable !== undefined ? `unreachable: ${cell(c.unreachable)}` : yesNo(c.answered);
      out.push(`| \`${c.code}\` | ${c.status} | ${cell(c.message)} | ${source} | ${answered} |`);
    }
  }
  out.push('');
  out.push('## Gateway codes');
  out.push('');
  out.push('Answered before (or instead of) an operation\'s own checks; declared in src/errors/gateway-codes.ts. Whether any');
  out.push('call of the run was answered with each.');
  out.push('');
  out.push('| Code | HTTP | Message | Answered |');
  out.push('|---|---|---|---|');
  for (const g of gateway) out.push(`| \`${g.code}\` | ${g.status} | ${cell(g.message)} | ${yesNo(g.answered)} |`);
  out.push('');
  out.push('## Codes answered beyond the tables');
  out.push('');
  out.push('Codes an operation answered that neither its tables nor the gateway list: each is a code to declare (`alsoAnswers`) or a bug.');
  out.push('');
  out.push(beyond.length === 0 ? 'None.' : beyond.map((m) => `- ${m}`).join('\n'));
  out.push('');
  out.push('## Codes never answered');
  out.push('');
  out.push('There must be none (`npm test` enforces it): a code listed here needs a test, or an `unreachable` reason in its');
  out.push('operation\'s file when the condition cannot arise in rdcontacts.');
  out.push('');
  const missing = unanswered(reports);
  out.push(missing.length === 0 ? 'None.' : missing.map((m) => `- ${m}`).join('\n'));
  out.push('');
  return out.join('\n');
}

/** The document and its problems as a record makes them. */
export function buildCompatibility(answers: readonly Answer[]): { text: string; reports: OperationReport[]; problems: string[] } {
  const reports = report(answers);
  const beyond = undeclared(answers);
  return { text: renderCompatibility(reports, gatewayReport(answers), beyond), reports, problems: problems(reports, beyond) };
}
