/**
 * Storing conflicts (worker/conflict-rows.ts): a newer conflict of the same field replaces
 * the open one only when the value the older one kept for the user is still in it (soak seed
 * 300324: the join of two copies of a new contact recorded the losing copy's unpushed edit,
 * and the 409 rebase right after replaced that record with one that no longer had it).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/model/conflict.js';
import { ContactsDb } from '../../src/store/schema.js';
import { storeConflicts } from '../../worker/conflict-rows.js';

let db: ContactsDb;
let n = 0;
beforeEach(async () => {
  db = new ContactsDb('conflict-rows', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
});
afterEach(() => { db.close(); });

function field(values: Pick<Conflict, 'base' | 'local' | 'remote' | 'chosen'>): Conflict {
  return { id: `c${++n}`, contactId: 'X', kind: 'field', path: 'info.name.first', createdAt: new Date(0), ...values };
}

const store = (c: Conflict) => db.transaction('rw', db.conflicts, () => storeConflicts(db, [c]));
const openValues = async () => (await db.conflicts.toArray()).map((c) => c.remote).sort();

describe('storeConflicts', () => {
  it('replaces a conflict whose lost value the newer one carries (the usual rebase: it is the new base)', async () => {
    await store(field({ base: 'A', local: 'Mine', remote: 'Theirs 1', chosen: 'local' }));
    await store(field({ base: 'Theirs 1', local: 'Mine', remote: 'Theirs 2', chosen: 'local' }));
    expect(await openValues()).toEqual(['Theirs 2']);
  });

  it('keeps a conflict whose lost value the newer one does not carry (seed 300324)', async () => {
    // The join: this device's two copies set the field to 'Own' and to 'Pulled'; 'Own' won.
    await store(field({ base: 'A', local: 'Own', remote: 'Pulled', chosen: 'local' }));
    // The rebase onto another device's write: 'Pulled' was never sent anywhere.
    await store(field({ base: 'A', local: 'Own', remote: 'Other device', chosen: 'local' }));
    expect(await openValues()).toEqual(['Other device', 'Pulled']);
  });

  it('looks at the local value when the policy applied the remote one', async () => {
    await store(field({ base: 'A', local: 'Mine 1', remote: 'Theirs 1', chosen: 'remote' }));
    // The user typed again and lost again: 'Mine 1' is not in this one, so both stay.
    await store(field({ base: 'Theirs 1', local: 'Mine 2', remote: 'Theirs 2', chosen: 'remote' }));
    expect(await openValues()).toEqual(['Theirs 1', 'Theirs 2']);
    // 'Mine 1' again: the first is overtaken; 'Mine 2' is still only in the second.
    await store(field({ base: 'Theirs 2', local: 'Mine 1', remote: 'Theirs 3', chosen: 'remote' }));
    expect(await openValues()).toEqual(['Theirs 2', 'Theirs 3']);
  });

  it('compares values structurally, whatever the key order', async () => {
    await store(field({ base: 'A', local: 'Mine', remote: { a: 1, b: 2 }, chosen: 'local' }));
    await store(field({ base: { b: 2, a: 1 }, local: 'Mine', remote: 'Next', chosen: 'local' }));
    expect(await openValues()).toEqual(['Next']);
  });
});
