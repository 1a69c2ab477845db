/**
 * The PostgreSQL driver (`pg` pool). Statements are prepared by name on each connection (the
 * name is a hash of the text), so a hot statement is parsed and planned once per connection.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { QueryOptions, Sql, SqlClient, SqlRow, SqlValue } from './sql.js';

/** Pool size: writes of a tenant are batched (one statement at a time), so a few connections serve many requests. */
const POOL_SIZE = 8;
const INT8_OID = 20;

/** Names by statement text: hashing the text on every call cost more than the lookup. */
const names = new Map<string, string>();
/** Texts may embed paging numbers (query-store), so the memo is bounded; a miss only re-hashes. */
const MAX_NAMES = 1_000;

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `oc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

function typeOverrides(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  // int8 (sequence numbers, counts) as a number: they stay far below 2^53 in practice.
  types.setTypeParser(INT8_OID, (v: string) => Number(v));
  return types;
}

async function run<R extends SqlRow>(
  client: pg.Pool | pg.PoolClient, text: string, params: readonly SqlValue[], options?: QueryOptions,
): Promise<R[]> {
  const values = params.map((v) => (Array.isArray(v) ? [...(v as readonly (string | null)[])] : v));
  const config: pg.QueryConfig = options?.prepare === false ? { text, values } : { name: statementName(text), text, values };
  const result = await client.query<R>(config);
  return result.rows;
}

/** The `pg` implementation of `Sql`. */
class PgSql implements Sql {
  readonly driver = 'postgres';
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  query<R extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = [], options?: QueryOptions): Promise<R[]> {
    return run<R>(this.#pool, text, params, options);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    const tx: SqlClient = {
      query: <R extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = [], o?: QueryOptions) =>
        run<R>(client, text, params, o),
    };
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back must not go back to the pool.
        broken = rollbackError;
      }
      throw e;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

/**
 * Connects a pool to the PostgreSQL server at `databaseUrl` and checks that it answers.
 *
 * @example
 * ```ts
 * const sql = await openPgSql('postgres://postgres@127.0.0.1:5432/contacts');
 * ```
 */
export async function openPgSql(databaseUrl: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, types: typeOverrides() });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('postgres pool error:', err.message));
  const sql = new PgSql(pool);
  try {
    await sql.query('SELECT 1', [], { prepare: false });
  } catch (e) {
    await pool.end();
    throw e;
  }
  return sql;
}
