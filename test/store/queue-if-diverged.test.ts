/** The outbox row that keeps a diverged contact syncing (src/store/queue-if-diverged.ts). */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newMutationId, type ContactId } from '../../src/model/ids.js';
import { queueIfDiverged } from '../../src/store/queue-if-diverged.js';
import { ContactsDb } from '../../src/store/schema.js';

let db: ContactsDb;
let n = 0;
const deps = () => ({ db, now: () => 1_000, makeId: () => `id-${++n}` });
const run = (info: object, base: object) => db.transaction('rw', db.outbox, () => queueIfDiverged(deps(), 'X', info, base));

beforeEach(async () => {
  db = new ContactsDb('queue-if-diverged', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
});
afterEach(() => { db.close(); });

describe('queueIfDiverged', () => {
  it('queues the difference from the base as one update', async () => {
    expect(await run({ company: 'Now' }, { company: 'Base', jobTitle: 'Gone' })).toBe(true);
    expect(await db.outbox.toArray()).toMatchObject([{ op: 'update', contactId: 'X', patch: { company: 'Now', jobTitle: '' }, allowDuplicates: false, createdAt: 1_000 }]);
  });

  it('queues nothing when the contact shows its base', async () => {
    expect(await run({ company: 'Same' }, { company: 'Same' })).toBe(false);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues nothing when a row is already queued: it pushes the whole difference', async () => {
    await db.outbox.add({ op: 'update', contactId: 'X' as ContactId, patch: { jobTitle: 'Other' }, allowDuplicates: false, mutationId: newMutationId(() => 'm'), createdAt: 1 });
    expect(await run({ company: 'Now' }, { company: 'Base' })).toBe(false);
    expect(await db.outbox.count()).toBe(1);
  });
});
