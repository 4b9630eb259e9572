import { ApiError } from '../errors/api-error.js';

/** Decoded request parameters: names and values exactly as the client meant them. */
export type ParamMap = Map<string, string>;

/**
 * Decodes `a=1&b=x%20y` the way the clients encode it: split on `&`, split at the first `=`,
 * `+` is a space, then UTF-8 percent-decoding. A name given twice in one source is refused.
 */
export function decodeParams(raw: string, into: ParamMap = new Map()): ParamMap {
  if (raw.length === 0) return into;
  const seen = new Set<string>();
  for (const part of raw.split('&')) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    if (seen.has(name)) throw new ApiError('InvalidParameter.Duplicate', { message: `The parameter ${name} is given more than once.` });
    seen.add(name);
    into.set(name, value);
  }
  return into;
}

function decodeComponent(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new ApiError('InvalidParameter.Encoding');
  }
}

/**
 * Rebuilds a flattened list `Name.1, Name.2, …` in numeric index order (gaps allowed: the SDKs skip
 * null items but still consume their index). Undefined when no item is present.
 */
export function listParam(params: ParamMap, name: string): string[] | undefined {
  const prefix = name + '.';
  const items: Array<[number, string]> = [];
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const index = key.slice(prefix.length);
    if (!/^\d{1,9}$/.test(index)) continue;
    items.push([Number(index), value]);
  }
  if (items.length === 0) return undefined;
  return items.sort((a, b) => a[0] - b[0]).map((item) => item[1]);
}

/** Rebuilds a flattened list of objects `Tag.1.Key=k&Tag.1.Value=v`, in numeric index order. */
export function objectListParam(params: ParamMap, name: string): Array<Record<string, string>> | undefined {
  const prefix = name + '.';
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d{1,9})\.([A-Za-z0-9_]+)$/.exec(key.slice(prefix.length));
    if (!m) continue;
    const index = Number(m[1]);
    const item = byIndex.get(index) ?? {};
    item[m[2]!] = value;
    byIndex.set(index, item);
  }
  if (byIndex.size === 0) return undefined;
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
}
