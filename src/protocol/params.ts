import { ApiError } from '../errors/api-error.js';

/** Decoded request parameters: names and values exactly as the client meant them. */
export type ParamMap = Map<string, string>;

/** U+0000-U+001F and U+007F: no documented parameter allows them, and PostgreSQL refuses NUL in text. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** The same, less the line breaks and tabs of multi-line plain text (a notice's Content). */
export const CONTROL_CHARACTER_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Parameters of one source (query or body) at most: the largest call sends a few hundred. */
export const MAX_PARAMS = 1000;
/** Characters of one encoded `name=value` at most: no parameter of the API comes near it. */
export const MAX_PARAM_LENGTH = 8192;

/**
 * Decodes `a=1&b=x%20y` the way the clients encode it: split on `&`, split at the first `=`,
 * `+` is a space, then UTF-8 percent-decoding. A name given twice in one source is refused. Decoding runs
 * before authentication, so the count and the length of parameters are checked before anything is decoded.
 */
export function decodeParams(raw: string, into: ParamMap = new Map()): ParamMap {
  if (raw.length === 0) return into;
  let count = 1;
  for (let at = raw.indexOf('&'); at >= 0; at = raw.indexOf('&', at + 1)) {
    if (++count > MAX_PARAMS) throw new ApiError('InvalidRequest.TooManyParameters');
  }
  const parts = raw.split('&');
  for (const part of parts) if (part.length > MAX_PARAM_LENGTH) throw new ApiError('InvalidParameter.TooLong');
  const seen = new Set<string>();
  for (const part of parts) {
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
