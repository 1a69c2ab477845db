import { describe, expect, it } from 'vitest';
import type { MutationId, TempContactId } from '../../src/model/ids.js';
import { addImportBatch, batchKey, batchSizeOf, byContactId, importMutationId, isImportBatch, splitSeq, splitSeqsFit } from '../../src/store/outbox-rows.js';
import { countPending } from '../../src/store/pending-count.js';
import type { ImportBatchRow, OutboxRow } from '../../src/store/schema.js';
import { openTestDb } from './test-db.js';

const ids = (n: number): TempContactId[] => Array.from({ length: n }, (_, i) => `tmp-${String(i)}` as TempContactId);
const batchOf = (contactIds: TempContactId[]): ImportBatchRow => ({
  op: 'import', contactId: batchKey(contactIds.length), mutationId: 'm' as MutationId, contactIds, allowDuplicates: true, createdAt: 5,
});
const update = (contactId: string): OutboxRow => ({
  op: 'update', contactId: contactId as TempContactId, patch: { company: 'X' }, allowDuplicates: false, mutationId: `u-${contactId}` as MutationId, createdAt: 6,
});

describe('outbox rows', () => {
  it('split seqs lie strictly between the batch and the next row, in import order', () => {
    for (const [seq, total] of [[1, 1], [7, 10_000], [2 ** 31, 1_000_000]] as const) {
      const seqs = Array.from({ length: Math.min(total, 1000) }, (_, i) => splitSeq(seq, total - 1 - i, total)).reverse();
      expect(splitSeqsFit(seq, total)).toBe(true);
      expect(seqs[0]).toBeGreaterThan(seq);
      expect(seqs.at(-1)).toBeLessThan(seq + 1);
      seqs.slice(1).forEach((s, i) => { expect(s).toBeGreaterThan(seqs[i]!); });
    }
    // Near 2^52 a double has no fractions left: such a batch must not be split by fractions.
    expect(splitSeqsFit(2 ** 52, 2)).toBe(false);
    expect(splitSeqsFit(2 ** 40, 100_000)).toBe(false);
  });

  it('an import adds one batch row, which no read by contact finds, counted as its contacts', async () => {
    const { db } = await openTestDb();
    await db.outbox.add(update('tmp-9'));
    await db.transaction('rw', db.outbox, () => addImportBatch(db, batchOf(ids(3))));
    const all = await db.outbox.toArray();
    expect(all.map((r) => r.op)).toEqual(['update', 'import']);
    expect(all.filter(isImportBatch)).toHaveLength(1);
    expect(await byContactId(db).equals('tmp-0').count()).toBe(0);
    expect(await countPending(db)).toBe(4);
    db.close();
  });

  it('falls back to a create row per contact when the batch seq leaves no room for fractions', async () => {
    const { db } = await openTestDb();
    // The key generator follows the largest explicit key: the batch lands at 2^52 + 1.
    await db.outbox.add({ ...update('tmp-x'), seq: 2 ** 52 });
    const batch = batchOf(ids(3));
    await db.transaction('rw', db.outbox, () => addImportBatch(db, batch));
    const rows = await db.outbox.toArray();
    expect(rows.some(isImportBatch)).toBe(false);
    expect(rows.slice(1)).toMatchObject(ids(3).map((contactId, i) => ({ op: 'create', contactId, mutationId: importMutationId(batch, i), allowDuplicates: true, createdAt: 5 })));
    expect(await countPending(db)).toBe(4);
    db.close();
  });

  it('a batch key carries its size, and nothing else reads as a batch', () => {
    expect(batchKey(10_000)).toBe('import-batch:10000');
    expect(batchSizeOf(batchKey(10_000))).toBe(10_000);
    expect(batchSizeOf('tmp-1')).toBe(0);
    expect(batchSizeOf(7)).toBe(0);
  });

  it('derives a distinct idempotency key per imported contact', () => {
    const keys = new Set(Array.from({ length: 100 }, (_, i) => importMutationId({ mutationId: 'b' as MutationId }, i)));
    expect(keys.size).toBe(100);
  });
});
