import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { randomId } from '../../src/model/ids.js';
import { ContactStore } from '../../src/store/contact-store.js';
import { byContactId, importMutationId, isImportBatch } from '../../src/store/outbox-rows.js';
import { countPending } from '../../src/store/pending-count.js';
import { ContactsDb, type ImportBatchRow } from '../../src/store/schema.js';
import { takeLeadership } from '../../worker/fence.js';
import { readPending } from '../../worker/snapshot.js';
import { splitImportBatches } from '../../worker/split-import-batches.js';
import { contactOutboxRows } from '../store/test-db.js';

async function imported(n: number) {
  const db = new ContactsDb('split', { indexedDB: new IDBFactory(), IDBKeyRange });
  const store = new ContactStore(db, { queueMutations: true, now: () => 1000, makeId: randomId });
  const [before] = await store.importContacts([{ name: { first: 'Before' } }]);
  await db.outbox.clear();
  await store.updateContact(before!._id, { company: 'First row' }, 1);
  const contacts = await store.importContacts(Array.from({ length: n }, (_, i) => ({ name: { first: `P${String(i)}` } })));
  const batch = (await db.outbox.toArray()).find(isImportBatch)!;
  return { db, store, before: before!, contacts, batch, fence: await takeLeadership(db) };
}

describe('splitImportBatches', () => {
  it('splits a batch in chunks into creates in import order, between the rows around it, keeping the pending count', async () => {
    const { db, store, before, contacts, batch, fence } = await imported(5);
    // Edits made before the split: their rows come after the batch.
    await store.updateContact(contacts[1]!._id, { company: 'Edited' }, 1);
    await store.deleteContact(contacts[3]!._id);
    expect(await countPending(db)).toBe(8);
    const pending = await readPending(db);
    expect(pending.batches).toEqual([batch.seq]);
    await splitImportBatches({ db, fence }, pending.batches, 2);
    expect(await countPending(db)).toBe(8);

    const rows = await contactOutboxRows(db);
    expect(rows[0]).toMatchObject({ op: 'update', contactId: before._id });
    const creates = rows.filter((r) => r.op === 'create');
    expect(creates.map((r) => r.contactId)).toEqual(contacts.map((c) => c._id));
    expect(creates.map((r) => r.mutationId)).toEqual(contacts.map((_, i) => importMutationId(batch, i)));
    expect(creates.every((r) => r.seq! > batch.seq! && r.seq! < batch.seq! + 1 && r.createdAt === 1000 && !r.allowDuplicates)).toBe(true);
    // Each contact's rows in seq order: its create, then what was done to it after the import.
    expect((await byContactId(db).equals(contacts[1]!._id).sortBy('seq')).map((r) => r.op)).toEqual(['create', 'update']);
    expect((await byContactId(db).equals(contacts[3]!._id).sortBy('seq')).map((r) => r.op)).toEqual(['create', 'delete']);
    expect((await readPending(db)).batches).toEqual([]);
    db.close();
  });

  it('leaves the batch as it is when the fence fails the transaction of a chunk', async () => {
    const { db, batch, fence } = await imported(3);
    await takeLeadership(db);
    await expect(splitImportBatches({ db, fence }, [batch.seq!], 2)).rejects.toMatchObject({ code: 'NOT_LEADER' });
    expect(await db.outbox.get(batch.seq!)).toEqual(batch);
    expect(await countPending(db)).toBe(4);
    db.close();
  });

  it('goes on from where an earlier engine stopped, and skips a batch already gone', async () => {
    const { db, contacts, batch, fence } = await imported(5);
    // An engine that split two contacts off, then lost the lead.
    const left: ImportBatchRow = { ...batch, contactId: 'import-batch:3', contactIds: batch.contactIds.slice(2), split: 2 };
    await db.outbox.put(left);
    await db.outbox.bulkAdd(batch.contactIds.slice(0, 2).map((contactId, i) => ({
      seq: batch.seq! + (i + 1) / 6, op: 'create' as const, contactId: contactId, mutationId: importMutationId(batch, i), allowDuplicates: false, createdAt: 1000,
    })));
    expect(await countPending(db)).toBe(6);
    await splitImportBatches({ db, fence }, [batch.seq!, batch.seq!], 10);
    const creates = (await contactOutboxRows(db)).filter((r) => r.op === 'create');
    expect(creates.map((r) => r.contactId)).toEqual(contacts.map((c) => c._id));
    expect(new Set(creates.map((r) => r.mutationId)).size).toBe(5);
    expect(await countPending(db)).toBe(6);
    db.close();
  });
});
