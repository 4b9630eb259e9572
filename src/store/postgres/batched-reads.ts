type Read = (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;

interface Caller {
  parameters: readonly string[];
  resolve: (rows: unknown[]) => void;
  reject: (err: unknown) => void;
}

/** The batch's own columns: which caller a row answers (1-based, the arrays' ordinality). */
const CALLER = 'rdc_caller';

/**
 * Point reads (repositories/compiled.ts: the caller's directory, a contact) of the callers of one turn of the
 * event loop, run as one statement per text: every PostgreSQL statement is a round trip, whose protocol
 * costs the database's backend and our pg driver more than the read itself (docs/performance.md, ninth
 * round), and under load the calls of a turn reach the same reads together (a Get's nonce claim, then its
 * directory, then its contact). A text read by one caller of the turn runs as it is; by several, as
 *
 *   select rdc_batch.rdc_caller, rdc_row.* from unnest($1::text[], …) with ordinality as rdc_batch(p1, …, rdc_caller)
 *   cross join lateral (<the text, $k read from rdc_batch.pk>) as rdc_row
 *
 * each caller's parameters one element of the arrays, each row handed back to the caller it answers. Each
 * caller sees what it would have seen alone (one statement is one snapshot, the reads are outside any
 * transaction, and a read issued after a caller's own write still starts after that write committed); a
 * failure fails every caller of the statement, classified as one read's would be. A read waits at most for
 * the rest of its turn.
 */
export function batchedReads(read: Read): (sql: string, parameters: readonly string[]) => Promise<unknown[]> {
  let waiting = new Map<string, Caller[]>();

  function runAll(): void {
    const turn = waiting;
    waiting = new Map();
    for (const [sql, callers] of turn) {
      if (callers.length === 1) {
        const [only] = callers as [Caller];
        read(sql, only.parameters).then(only.resolve, only.reject);
        continue;
      }
      const columns = callers[0]!.parameters.map((_, k) => callers.map((c) => c.parameters[k]));
      read(batchedText(sql, columns.length), columns).then(
        (rows) => {
          const answers: unknown[][] = callers.map(() => []);
          for (const row of rows as Array<Record<string, unknown>>) {
            const { [CALLER]: caller, ...own } = row;
            answers[(caller as number) - 1]!.push(own);
          }
          callers.forEach((c, i) => c.resolve(answers[i]!));
        },
        (err: unknown) => {
          for (const c of callers) c.reject(err);
        },
      );
    }
  }

  return (sql, parameters) =>
    new Promise((resolve, reject) => {
      if (waiting.size === 0) setImmediate(runAll);
      const callers = waiting.get(sql);
      if (callers) callers.push({ parameters, resolve, reject });
      else waiting.set(sql, [{ parameters, resolve, reject }]);
    });
}

/**
 * Whether a point read's parameters may share a statement with other callers': strings (the arrays are
 * text[]), at least one, and none PostgreSQL would refuse as text (a NUL), so that one caller's bad value
 * fails its own read only, never its neighbours' in the turn.
 */
export function batchable(parameters: readonly unknown[]): parameters is readonly string[] {
  return parameters.length > 0 && parameters.every((p) => typeof p === 'string' && !p.includes('\u0000'));
}

/** Bounded by the code: one per point-read text (and its parameter count). */
const batchedTexts = new Map<string, string>();

/** `sql` run once per element of its parameters' arrays, each row led by the element's ordinality. */
export function batchedText(sql: string, parameterCount: number): string {
  let text = batchedTexts.get(sql);
  if (!text) {
    const k = Array.from({ length: parameterCount }, (_, i) => i + 1);
    const inner = sql.replace(/\$(\d+)\b/g, (_, n: string) => `rdc_batch.p${n}`);
    text =
      `select rdc_batch.${CALLER}, rdc_row.* from unnest(${k.map((i) => `$${i}::text[]`).join(', ')}) ` +
      `with ordinality as rdc_batch(${k.map((i) => `p${i}`).join(', ')}, ${CALLER}) cross join lateral (${inner}) as rdc_row`;
    batchedTexts.set(sql, text);
  }
  return text;
}
