/**
 * The PGlite driver. Three things make it several times faster than `PGlite.query()`:
 * - each statement travels as one protocol message (bind, describe, execute, sync; plus a
 *   parse the first time) and is prepared once by name, where `query()` makes six calls into
 *   the WASM backend and re-plans every statement;
 * - the database runs in a worker thread (pglite-thread.ts), so Postgres executes one
 *   request's statement while the main thread handles HTTP for the others;
 * - single statements are pipelined: they are sent without waiting for the previous answer
 *   (the thread runs them in order; each is its own implicit transaction).
 * A transaction needs the one backend to itself: it waits until the statements in flight
 * have answered, and statements issued meanwhile wait until it ends.
 */
import { protocol } from '@electric-sql/pglite';
import { PgliteThread, type ThreadLocation } from './pglite-thread.js';
import { textArrayLiteral, type QueryOptions, type Sql, type SqlClient, type SqlRow, type SqlValue } from './sql.js';

const wire = protocol.serialize;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function toText(v: SqlValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return textArrayLiteral(v);
}

/** The PGlite implementation of `Sql`, plus `dump()` for the start-up template. */
class PgliteSql implements Sql {
  readonly driver = 'pglite';
  readonly #db: PgliteThread;
  readonly #prepared = new Map<string, string>();
  #names = 0;
  /** Settles when every transaction asked for so far has ended. */
  #transactions: Promise<unknown> = Promise.resolve();
  #transactionsPending = 0;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(db: PgliteThread) {
    this.#db = db;
  }

  async query<R extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = [], options?: QueryOptions): Promise<R[]> {
    while (this.#transactionsPending > 0) await this.#transactions.then(() => undefined, () => undefined);
    const run = this.#run<R>(text, params, options?.prepare !== false);
    this.#inFlight.add(run);
    try {
      return await run;
    } finally {
      this.#inFlight.delete(run);
    }
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      await this.#run('BEGIN', [], true);
      const tx: SqlClient = {
        query: <R extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = [], o?: QueryOptions) =>
          this.#run<R>(text, params, o?.prepare !== false),
      };
      try {
        const result = await fn(tx);
        await this.#run('COMMIT', [], true);
        return result;
      } catch (e) {
        await this.#run('ROLLBACK', [], true);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.#exclusive(() => this.#db.close());
  }

  /** Dumps the data directory (used to build the start-up template). */
  dump(): Promise<ArrayBuffer> {
    return this.#exclusive(() => this.#db.dump());
  }

  /** Runs `fn` with the backend to itself: after the statements in flight, before any new one. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.#transactionsPending += 1;
    const start = async (): Promise<T> => {
      while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      return fn();
    };
    const run = this.#transactions.then(start, start);
    const settled = run.then(() => undefined, () => undefined).finally(() => {
      this.#transactionsPending -= 1;
    });
    this.#transactions = settled;
    return run;
  }

  async #run<R extends SqlRow>(text: string, params: readonly SqlValue[], prepare: boolean): Promise<R[]> {
    const known = prepare ? this.#prepared.get(text) : undefined;
    const name = known ?? (prepare ? `s${++this.#names}` : '');
    const parts: Uint8Array[] = [];
    if (known === undefined) parts.push(wire.parse({ name, text, types: [] }));
    parts.push(
      wire.bind({ statement: name, values: params.map(toText) }),
      wire.describe({ type: 'P' }), wire.execute({}), wire.sync(),
    );
    try {
      const rows = await this.#db.exec(concat(parts));
      if (known === undefined && prepare) this.#prepared.set(text, name);
      return rows as R[];
    } catch (e) {
      // The parse may have succeeded before the failing execute: drop the name either way.
      if (known === undefined && prepare) await this.#forget(name);
      throw e;
    }
  }

  async #forget(name: string): Promise<void> {
    try {
      await this.#db.exec(concat([wire.close({ type: 'S', name }), wire.sync()]));
    } catch {
      // A name that was never created needs no closing; the original error is what matters.
    }
  }
}

/** The PGlite driver, plus `dump()` for the start-up template. */
export type PgliteDatabase = Sql & { dump(): Promise<ArrayBuffer> };

/**
 * Opens (creating if needed) a PGlite database in memory or in `dataDir`, in its own thread.
 *
 * @example
 * ```ts
 * const sql = await openPgliteSql({});
 * await sql.query('SELECT 1 AS one'); // [{ one: 1 }]
 * ```
 */
export async function openPgliteSql(location: ThreadLocation): Promise<PgliteDatabase> {
  return new PgliteSql(await PgliteThread.start(location));
}
