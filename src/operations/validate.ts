import { ApiError, type AnyErrorCode } from '../errors/api-error.js';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_IN_TEXT, listParam, objectListParam, type ParamMap } from '../protocol/params.js';
import type { Operation, ParamSpec, ValidationContext } from './operation.js';

interface PendingCheck {
  code: AnyErrorCode;
  order: number;
  fails: () => boolean;
}

/**
 * Reads an operation's parameters from the request by its table, and runs every check in the order of the
 * operation's error table (checks whose code the table lacks run after, in table-row order). The first
 * failing check answers. A value with a control character fails like one of the wrong type (the same on
 * both stores); a `multiline` parameter may hold line breaks and tabs. Unknown parameters are ignored.
 */
export function parseParams(op: Operation, raw: ParamMap, ctx: ValidationContext): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const checks: PendingCheck[] = [];
  const orderOf = (code: AnyErrorCode) => {
    const i = op.errors.indexOf(code);
    return i < 0 ? op.errors.length + checks.length : i;
  };
  const add = (code: AnyErrorCode, fails: () => boolean) => checks.push({ code, order: orderOf(code), fails });

  for (const spec of op.params) {
    const wire = read(spec, raw);
    if (wire === undefined || (spec.type !== 'string' && wire === '')) {
      if (spec.required) add(spec.missingError ?? `MissingParameter.${spec.name}`, () => true);
      else if (spec.default !== undefined) values[spec.name] = spec.default;
      continue;
    }
    const typed = hasControlCharacter(wire, spec.multiline ? CONTROL_CHARACTER_IN_TEXT : CONTROL_CHARACTER) ? undefined : convert(spec, wire);
    if (typed === undefined) {
      add(spec.typeError ?? `InvalidParameter.${spec.name}`, () => true);
      continue;
    }
    values[spec.name] = typed;
    for (const check of spec.checks ?? []) add(check.code, () => !check.test(typed, values, ctx));
  }
  checks.sort((a, b) => a.order - b.order);
  for (const check of checks) if (check.fails()) throw new ApiError(check.code);
  return values;
}

/** The names of the operation's parameters the request carries (even empty), in table order. */
export function carriedParams(op: Operation, raw: ParamMap): string[] {
  return op.params.filter((spec) => read(spec, raw) !== undefined).map((spec) => spec.name);
}

function hasControlCharacter(wire: string | string[] | Array<Record<string, string>>, refused: RegExp): boolean {
  if (typeof wire === 'string') return refused.test(wire);
  return wire.some((item) => (typeof item === 'string' ? refused.test(item) : Object.values(item).some((v) => refused.test(v))));
}

function read(spec: ParamSpec, raw: ParamMap): string | string[] | Array<Record<string, string>> | undefined {
  if (spec.type === 'array') return listParam(raw, spec.name);
  if (spec.type === 'objectArray') return objectListParam(raw, spec.name);
  return raw.get(spec.name);
}

function convert(spec: ParamSpec, wire: string | string[] | Array<Record<string, string>>): unknown {
  switch (spec.type) {
    case 'integer':
      return typeof wire === 'string' && /^-?\d{1,15}$/.test(wire) ? Number(wire) : undefined;
    case 'boolean':
      if (wire === 'true' || wire === 'True' || wire === 'TRUE') return true;
      if (wire === 'false' || wire === 'False' || wire === 'FALSE') return false;
      return undefined;
    default:
      return wire;
  }
}
