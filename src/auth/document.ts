/** Shape checks shared by the policy and identities readers: each failure names where (a JSON path) and why. */

export class DocumentError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'DocumentError';
  }
}

export function fail(at: string, reason: string): never {
  throw new DocumentError(at, reason);
}

export function object(value: unknown, at: string): Record<string, any> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(at, `must be an object, got ${JSON.stringify(value) ?? 'nothing'}`);
  return value as Record<string, any>;
}

export function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(at, `must be a list, got ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

/** Refuses fields the format does not have, so a typo is an error rather than silently ignored. */
export function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], at: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(at ? `${at}.${key}` : key, `unknown or unsupported field (allowed: ${allowed.join(', ')})`);
  }
}

/** A string or a non-empty list of non-empty strings (policy `Action`, `Resource`, trust `Principal`), as a list. */
export function stringList(value: unknown, at: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (value === undefined || list.length === 0) fail(at, 'is required (a string or a non-empty list of strings)');
  return list.map((v, i) => {
    if (typeof v !== 'string' || v === '') fail(Array.isArray(value) ? `${at}[${i}]` : at, `must be a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  });
}
