/**
 * Reading the outbox, which holds rows of one contact (`OutboxRow`) and import batches
 * (`ImportBatchRow`) that stand for many.
 */
import type { WhereClause } from 'dexie';
import type { MutationId, TempContactId } from '../model/ids.js';
import { IMPORT_BATCH_PREFIX, type ContactsDb, type ImportBatchKey, type ImportBatchRow, type OutboxEntry, type OutboxRow } from './schema.js';

/** The `contactId` of a batch that holds `remaining` contacts. */
export function batchKey(remaining: number): ImportBatchKey {
  return `${IMPORT_BATCH_PREFIX}${remaining}`;
}

/** How many contacts the batch with this `contactId` index key holds. */
export function batchSizeOf(key: unknown): number {
  return typeof key === 'string' && key.startsWith(IMPORT_BATCH_PREFIX) ? Number(key.slice(IMPORT_BATCH_PREFIX.length)) : 0;
}

/** True for the one kind of outbox row that stands for many contacts. */
export function isImportBatch(entry: OutboxEntry): entry is ImportBatchRow {
  return entry.op === 'import';
}

/**
 * The outbox's `contactId` index, typed as what a contact's id finds there: that contact's
 * rows. Batches sit under `batchKey(n)`, which no contact's id is (pending-count.ts reads
 * them through `db.outbox`).
 *
 * @example
 * ```ts
 * const rows = await byContactId(db).equals(id).toArray();
 * ```
 */
export function byContactId(db: ContactsDb): WhereClause<OutboxRow, number, OutboxRow> {
  return db.outbox.where('contactId') as unknown as WhereClause<OutboxRow, number, OutboxRow>;
}

/**
 * The `Idempotency-Key` of the create of the `index`th contact of a batch: derived, so that
 * the batch stores one id for all of them, and splitting it twice (a transaction that
 * rolled back) gives each create the key it had.
 */
export function importMutationId(batch: Pick<ImportBatchRow, 'mutationId'>, index: number): MutationId {
  return `${batch.mutationId}.${index}` as MutationId;
}

/**
 * The `seq` of the `create` row split off for the `index`th of `total` contacts of the batch
 * at `batchSeq`: strictly between the batch and the next row, in import order. A contact's
 * later rows (edits made before the split) have higher seqs, so its create stays first, as
 * it would have been with a row per contact from the start.
 */
export function splitSeq(batchSeq: number, index: number, total: number): number {
  return batchSeq + (index + 1) / (total + 1);
}

/**
 * True when the `total` split seqs of a batch at `batchSeq` are distinct doubles below the
 * next integer. Always so in practice (a batch of a million at seq 2^32 still fits); an
 * import that does not fit writes a row per contact instead.
 */
export function splitSeqsFit(batchSeq: number, total: number): boolean {
  // Neighbours are 1 / (total + 1) apart; rounding to a double below batchSeq + 1 moves each
  // by at most half its unit in the last place, so a gap over two units keeps them distinct
  // and in order.
  const ulp = 2 ** (Math.floor(Math.log2(batchSeq + 1)) - 52);
  return 1 / (total + 1) > 2 * ulp && splitSeq(batchSeq, total - 1, total) < batchSeq + 1;
}

/**
 * The `create` row of the `index`th contact of `batch` (its index in the whole import), as
 * it would have been written with a row per contact: `seq` as given, or assigned on insert.
 */
export function createRowOf(batch: ImportBatchRow, contactId: TempContactId, index: number, seq?: number): OutboxRow {
  return {
    ...(seq === undefined ? {} : { seq }),
    op: 'create',
    contactId,
    mutationId: importMutationId(batch, index),
    allowDuplicates: batch.allowDuplicates,
    createdAt: batch.createdAt,
  };
}

/**
 * Appends an import's batch row in the caller's transaction, or, in the one case its split
 * seqs would not fit (`splitSeqsFit`), its `create` rows.
 *
 * @example
 * ```ts
 * await addImportBatch(db, { op: 'import', contactId: batchKey(contactIds.length), mutationId, contactIds, allowDuplicates: false, createdAt: Date.now() });
 * ```
 */
export async function addImportBatch(db: ContactsDb, batch: ImportBatchRow): Promise<void> {
  const seq = await db.outbox.add(batch);
  if (splitSeqsFit(seq, batch.contactIds.length)) return;
  await Promise.all([db.outbox.delete(seq), db.outbox.bulkAdd(batch.contactIds.map((id, i) => createRowOf(batch, id, i)))]);
}
