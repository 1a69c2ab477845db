/**
 * Rewriting contact rows inside a read-write transaction, each row read once, with live
 * queries told precisely which index keys changed.
 *
 * Dexie tells live queries (in every tab) which index keys a write changed only when it knows
 * the old rows: for a write of under 50 rows it looks for them in its transaction's read
 * cache, which only its own `bulkUpdate` fills. Without them it assumes every key may have
 * changed, and a sorted page (a limited query) re-runs on every such write: profiled, that
 * was most of the page's work during a push. `bulkUpdate` reads the rows itself, so a writer
 * that must see the rows first (to decide what to write) read each of them twice. Here the
 * read is the cache-filling one, through the table's DBCore (the layer `bulkUpdate` reads
 * with), and the write a `bulkPut` of at most 49 rows. Tests pin the precision down
 * (test/worker/push-commits.test.ts): a Dexie that stopped filling the cache this way would
 * fail them, not corrupt data (the write is a plain `bulkPut` either way).
 */
import { Dexie } from './dexie.js';
import type { ContactRow, ContactsDb } from './schema.js';

/** Fewer rows than this per write: Dexie tells live queries what changed only for writes of under 50 rows. */
export const PRECISE_WRITE = 49;

/**
 * Reads the rows of `ids` and writes back what `rewrite` makes of each existing one, in
 * writes of at most PRECISE_WRITE rows. `rewrite` must keep the row's `_id` and must not
 * change the row it is given (Dexie compares it with the new one). Call inside a read-write
 * transaction over `contacts`; another write in the same transaction between a chunk's read
 * and its write (a body running side by side) only costs the precision, not the data.
 *
 * @example
 * ```ts
 * await db.transaction('rw', db.contacts, () =>
 *   rewriteRows(db, ids, (row) => contactRow({ ...row.c, revision: row.c.revision + 1 })));
 * ```
 */
export async function rewriteRows(db: ContactsDb, ids: readonly string[], rewrite: (row: ContactRow, index: number) => ContactRow): Promise<void> {
  const trans = Dexie.currentTransaction as Dexie['Transaction']['prototype'] | null;
  if (trans === null) throw new Error('rewriteRows runs inside a transaction');
  for (let i = 0; i < ids.length; i += PRECISE_WRITE) {
    const keys = ids.slice(i, i + PRECISE_WRITE);
    // 'immutable': the cache holds the rows as read (nothing here changes them), no copy.
    // Dexie.Promise: a native promise awaited in a transaction would lose its zone.
    const olds = await Dexie.Promise.resolve(db.contacts.core.getMany({ trans: trans.idbtrans, keys, cache: 'immutable' })) as (ContactRow | undefined)[];
    const next: ContactRow[] = [];
    olds.forEach((old, j) => { if (old !== undefined) next.push(rewrite(old, i + j)); });
    if (next.length > 0) await db.contacts.bulkPut(next);
  }
}
