/**
 * Splitting an import's batch row (`ImportBatchRow`) into one `create` row per contact, the
 * rows the push reads. The page writes the batch so that an import costs one outbox row; the
 * engine pays for the rows later, off the page's thread and before it pushes anything.
 */
import { batchKey, createRowOf, isImportBatch, splitSeq } from '../src/store/outbox-rows.js';
import type { ContactsDb, ImportBatchRow } from '../src/store/schema.js';
import type { EngineDeps } from './engine-deps.js';
import { engineTx } from './engine-tx.js';

/**
 * Contacts split off per transaction. Each transaction locks the tables the page writes to;
 * in Chromium 10,000 rows would hold them about a second, 500 a few tens of ms.
 */
export const SPLIT_CHUNK = 500;

/**
 * Splits every batch of `seqs` completely, a chunk per fenced transaction. A batch already
 * gone (split by an engine that led before) is skipped.
 *
 * @throws ContactsError `NOT_LEADER` when another engine took over, storage codes.
 * @example
 * ```ts
 * const pending = await readPending(db);
 * await splitImportBatches(deps, pending.batches);
 * ```
 */
export async function splitImportBatches(deps: Pick<EngineDeps, 'db' | 'fence'>, seqs: readonly number[], chunk: number = SPLIT_CHUNK): Promise<void> {
  for (const seq of seqs) {
    while (await engineTx(deps, () => splitChunk(deps.db, seq, chunk)));
  }
}

/** Splits the next `chunk` contacts off the batch at `seq`; true while some remain. */
async function splitChunk(db: ContactsDb, seq: number, chunk: number): Promise<boolean> {
  const batch = await db.outbox.get(seq);
  if (batch === undefined || !isImportBatch(batch)) return false;
  const done = batch.split ?? 0;
  const total = done + batch.contactIds.length;
  const taken = batch.contactIds.slice(0, chunk);
  const rest = batch.contactIds.slice(chunk);
  const rows = taken.map((contactId, i) => createRowOf(batch, contactId, done + i, splitSeq(seq, done + i, total)));
  const left: ImportBatchRow = { ...batch, contactId: batchKey(rest.length), contactIds: rest, split: done + taken.length };
  await Promise.all([
    db.outbox.bulkAdd(rows),
    rest.length === 0 ? db.outbox.delete(seq) : db.outbox.put(left),
  ]);
  return rest.length > 0;
}
