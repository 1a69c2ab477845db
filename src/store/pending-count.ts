/** The number of mutations waiting in the outbox, behind `sync.status$.pending`. */
import { isImportBatch } from './outbox-rows.js';
import { IMPORT_BATCH_KEY, type ContactsDb } from './schema.js';

/**
 * Counts pending mutations: a row per mutation, except that an import's batch row stands for
 * a create per contact not split off yet. Reads the batches (by their `contactId`; seldom
 * any: the engine splits them on its next push) in the same transaction as the count, so a
 * split committing in between is never counted twice.
 *
 * @throws Dexie errors (callers map them).
 * @example
 * ```ts
 * const pending = await countPending(db);
 * ```
 */
export function countPending(db: ContactsDb): Promise<number> {
  return db.transaction('r', db.outbox, async () => {
    const [rows, batches] = await Promise.all([db.outbox.count(), db.outbox.where('contactId').equals(IMPORT_BATCH_KEY).toArray()]);
    return batches.reduce((n, b) => n + (isImportBatch(b) ? b.contactIds.length - 1 : 0), rows);
  });
}
