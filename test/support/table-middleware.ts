/**
 * A Dexie DBCore middleware that wraps one table's requests, the others passing through:
 * how tests count, record or fail the requests a piece of code makes (`db.use(...)`).
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';

/**
 * A middleware named `name` that replaces `tableName`'s DBCore table with `wrap(table)`.
 *
 * @example
 * ```ts
 * db.use(onTable('count-gets', 'contacts', (t) => ({ ...t, get: (req) => { gets++; return t.get(req); } })));
 * ```
 */
export function onTable(name: string, tableName: string, wrap: (table: DBCoreTable) => DBCoreTable): Middleware<{ stack: 'dbcore' } & DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table: (t): DBCoreTable => (t === tableName ? wrap(down.table(t)) : down.table(t)),
    }),
  };
}
