/** The number of mutations waiting in the outbox, behind `sync.status$.pending`. */
import { batchSizeOf } from './outbox-rows.js';
import { IMPORT_BATCH_PREFIX, type ContactsDb } from './schema.js';

/**
 * Counts pending mutations: a row per mutation, except that an import's batch row stands for
 * a create per contact not split off yet. Reads the batches' sizes off their `contactId`
 * index keys (not their rows, which hold every id) in the same transaction as the count, so
 * a split committing in between is never counted twice.
 *
 * @throws Dexie errors (callers map them).
 * @example
 * ```ts
 * const pending = await countPending(db);
 * ```
 */
export function countPending(db: ContactsDb): Promise<number> {
  return db.transaction('r', db.outbox, async () => {
    const [rows, keys] = await Promise.all([db.outbox.count(), db.outbox.where('contactId').startsWith(IMPORT_BATCH_PREFIX).keys()]);
    return keys.reduce<number>((n, key) => n + batchSizeOf(key) - 1, rows);
  });
}
