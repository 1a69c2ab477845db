/** The number of mutations waiting in the outbox, behind `sync.status$.pending`. */
import type { ContactsDb } from './schema.js';

/**
 * Counts pending mutations: a row per mutation, except that an import's batch row stands for
 * a create per contact not split off yet. Reads the batch sizes from their index in the same
 * transaction as the count, so a split committing in between is never counted twice.
 *
 * @throws Dexie errors (callers map them).
 * @example
 * ```ts
 * const pending = await countPending(db);
 * ```
 */
export function countPending(db: ContactsDb): Promise<number> {
  return db.transaction('r', db.outbox, async () => {
    const [rows, sizes] = await Promise.all([db.outbox.count(), db.outbox.orderBy('batchSize').keys()]);
    return sizes.reduce<number>((n, size) => n + Number(size) - 1, rows);
  });
}
