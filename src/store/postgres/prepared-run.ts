import type Pg from 'pg';
import { parsingRowMaker, type ParseValue } from '../row-maker.js';

/** The parsers of the pool's clients (open.ts: int8 as a number, every other type as pg parses it). */
export interface TypeParsers {
  getTypeParser(oid: number, format?: 'text'): ParseValue;
}

/** What pg's RowDescription message says of a column. */
interface Column {
  name: string;
  dataTypeID: number;
}

/** The rows of a statement: its columns as described, the parser of each, one object literal per row. */
class RowShape {
  private readonly parsers: ParseValue[];
  private readonly make: ReturnType<typeof parsingRowMaker>;

  constructor(
    private readonly columns: readonly Column[],
    types: TypeParsers,
  ) {
    this.parsers = columns.map((c) => types.getTypeParser(c.dataTypeID, 'text'));
    this.make = parsingRowMaker(columns.map((c) => c.name));
  }

  /** Whether these are its columns: another node's migration may have changed a table since. */
  describes(columns: readonly Column[]): boolean {
    return columns.length === this.columns.length && columns.every((c, i) => c.name === this.columns[i]!.name && c.dataTypeID === this.columns[i]!.dataTypeID);
  }

  row(values: ReadonlyArray<string | null>): Record<string, unknown> {
    return this.make(values, this.parsers);
  }
}

/** One execution of a named prepared statement, submitted to a pg client; `done` settles with its rows. */
export interface PreparedRun extends Pg.Submittable {
  readonly done: Promise<Array<Record<string, unknown>>>;
}

export type RunPrepared = (name: string, text: string, values: readonly unknown[]) => PreparedRun;

/**
 * Runs of named prepared statements that make their rows themselves. pg's own query sets up a parser per
 * column from each result's description (Result.addFields) and copies its config object (cloneQueryConfig):
 * some 20 µs of a point read. Here each statement's row shape is made once, by name, and used again while
 * the described columns are the same. Everything else is pg's Query (Parse once per connection, Bind with
 * pg's value conversions, Describe, Execute, Sync, and its bookkeeping of what each connection prepared).
 */
export function preparedRuns(pg: typeof Pg, types: TypeParsers): RunPrepared {
  // Bounded by the code, as the names are (prepared.ts).
  const shapes = new Map<string, RowShape>();

  class Run extends pg.Query implements PreparedRun {
    // Not `rows`: pg's Query reads that as the number of rows to fetch at a time.
    readonly done: Promise<Array<Record<string, unknown>>>;
    #collected: Array<Record<string, unknown>> = [];
    #shape: RowShape | undefined;
    /** A row that could not be parsed: the run fails with it once PostgreSQL is done (as pg's Query does). */
    #failure: unknown;
    #resolve!: (rows: Array<Record<string, unknown>>) => void;
    #reject!: (err: unknown) => void;

    constructor(name: string, text: string, values: readonly unknown[]) {
      // The text, not a config object: pg copies a config object on every query.
      super(text, values as unknown[]);
      (this as { name?: string }).name = name;
      this.done = new Promise((resolve, reject) => {
        this.#resolve = resolve;
        this.#reject = reject;
      });
    }

    // pg's client calls these with the backend's messages (the Submittable protocol).
    handleRowDescription(message: { fields: Column[] }): void {
      const name = (this as { name?: string }).name!;
      let shape = shapes.get(name);
      if (!shape?.describes(message.fields)) {
        shape = new RowShape(message.fields.map(({ name, dataTypeID }) => ({ name, dataTypeID })), types);
        shapes.set(name, shape);
      }
      this.#shape = shape;
    }

    handleDataRow(message: { fields: Array<string | null> }): void {
      if (this.#failure !== undefined) return;
      try {
        this.#collected.push(this.#shape!.row(message.fields));
      } catch (err) {
        this.#failure = err;
      }
    }

    handleCommandComplete(): void {}

    handleError(err: unknown): void {
      this.#reject(this.#failure ?? err);
    }

    handleReadyForQuery(): void {
      if (this.#failure !== undefined) this.#reject(this.#failure);
      else this.#resolve(this.#collected);
    }
  }

  return (name, text, values) => new Run(name, text, values);
}
