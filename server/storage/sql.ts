/**
 * The SQL seam of the reference server: one small interface, two drivers (PGlite embedded,
 * `pg` against a PostgreSQL server). Repositories only ever see this interface, so both
 * drivers run exactly the same statements against the same schema.
 */

/**
 * A bind parameter. Arrays bind as Postgres arrays (cast them: `$3::text[]`, `$4::jsonb[]`);
 * JSON is passed as a string and cast with `::jsonb`.
 */
export type SqlValue = string | number | boolean | null | Date | readonly (string | null)[];

/** A result row, keyed by column name (jsonb parsed, int8 as number, timestamptz as `Date`). */
export type SqlRow = Record<string, unknown>;

/** Per-statement options. */
export interface QueryOptions {
  /**
   * Prepare and cache the statement by its text (default true). Pass false for statements
   * whose text depends on input (query filters), so the cache of prepared statements stays
   * bounded by the code's own statements.
   */
  readonly prepare?: boolean;
}

/** Something that runs one statement: the pool itself, or one transaction. */
export interface SqlClient {
  /** Runs one statement with `$1..$n` parameters; values are never spliced into the text. */
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<R[]>;
}

/** A database the server can use. */
export interface Sql extends SqlClient {
  /** Which driver runs the statements. */
  readonly driver: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction (BEGIN ... COMMIT; ROLLBACK when it throws). Inside `fn`, use
   * only `tx`: on PGlite the database is held exclusively, so a call on the outer `Sql` would
   * wait for the transaction forever.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Closes the database (PGlite) or the pool (pg). */
  close(): Promise<void>;
}

/**
 * The Postgres text form of an array parameter: every element quoted, `\` and `"` escaped,
 * so no element can end the literal early; `null` elements are `NULL`.
 */
export function textArrayLiteral(items: readonly (string | null)[]): string {
  return `{${items.map((s) => (s === null ? 'NULL' : `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
