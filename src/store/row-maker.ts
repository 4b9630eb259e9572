/** A column's text as PostgreSQL sends it, made into its JavaScript value (pg's type parsers). */
export type ParseValue = (text: string) => unknown;

/**
 * A function making a row's array of values into a plain object with the statement's column names as keys,
 * as `{ ...row }` of node:sqlite's own row object would (a name given twice keeps its last value). Built as
 * one object literal, every row of a statement gets the same shape at once: for a contact's 18 columns 1.6 µs
 * a row against 5.0 for node:sqlite's object copied (docs/performance.md, fourth round). The names are
 * written as string literals (JSON.stringify), and `__proto__` as a computed key, which makes it a property
 * like any other rather than the object's prototype.
 */
export function rowMaker(columns: readonly string[]): (values: unknown) => Record<string, unknown> {
  return objectLiteral(columns, (i) => `v[${i}]`) as (values: unknown) => Record<string, unknown>;
}

/**
 * The same for PostgreSQL's text values: each value not null goes through its column's parser (`parsers`, in
 * column order), as pg's own rows do, without pg's per-query setup of the parsers (its Result.addFields).
 */
export function parsingRowMaker(columns: readonly string[]): (values: ReadonlyArray<string | null>, parsers: readonly ParseValue[]) => Record<string, unknown> {
  return objectLiteral(columns, (i) => `v[${i}] === null ? null : p[${i}](v[${i}])`) as (values: ReadonlyArray<string | null>, parsers: readonly ParseValue[]) => Record<string, unknown>;
}

function objectLiteral(columns: readonly string[], value: (i: number) => string): unknown {
  const fields = columns.map((name, i) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: ${value(i)}`);
  return new Function('v', 'p', `return { ${fields.join(', ')} };`);
}
