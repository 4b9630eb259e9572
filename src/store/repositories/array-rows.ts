/**
 * Rows as arrays, for a store whose parameters may be arrays (StoreTraits arrayParameters: PostgreSQL): any
 * number of rows is one statement of one text, each column's values one array parameter, made rows by
 * unnest in their order. One round trip whatever the count, and one text to prepare per connection.
 */

/**
 * `insert into table (columns) select … from unnest($1::type[], …)`, the rows in the arrays' order, then
 * `tail` (an ON CONFLICT or RETURNING clause). Each column comes with its array's type (text[], int8[], …).
 */
export function unnestInsertSql(table: string, columns: ReadonlyArray<readonly [name: string, arrayType: string]>, tail = ''): string {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}`).join(', ');
  return `insert into ${table} (${names}) select ${names} from unnest(${arrays}) with ordinality as unnested (${names}, row_number) order by row_number${tail ? ` ${tail}` : ''}`;
}

/** The rows' values column by column, `width` columns: the parameters of unnestInsertSql. */
export function columnsOf(rows: ReadonlyArray<readonly unknown[]>, width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => new Array(rows.length));
  rows.forEach((row, r) => row.forEach((value, c) => (columns[c]![r] = value)));
  return columns;
}
