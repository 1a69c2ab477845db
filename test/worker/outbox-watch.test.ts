import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { enableLiveQueries } from '../../src/platform/indexed-db.js';
import type { OutboxRow } from '../../src/store/schema.js';
import { ContactsDb } from '../../src/store/schema.js';
import { watchOutbox } from '../../worker/outbox-watch.js';

const row = (n: number): OutboxRow => ({
  op: 'update', contactId: `c${n}`, patch: { company: `Co ${n}` }, allowDuplicates: false, mutationId: `m${n}`, createdAt: n,
} as OutboxRow);

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

describe('watchOutbox', () => {
  it('reports every new row, also behind a row that stays pending, and nothing once the outbox is empty', async () => {
    const indexedDB = new IDBFactory();
    enableLiveQueries({ indexedDB, IDBKeyRange });
    const db = new ContactsDb('watch', { indexedDB, IDBKeyRange });
    await db.open();
    let calls = 0;
    const watch = watchOutbox(db, () => { calls++; });
    await settle();
    expect(calls).toBe(0);
    const first = await db.outbox.add(row(1));
    await settle();
    expect(calls).toBe(1);
    // The first row is the same before and after: the watch must still see the new one.
    await db.outbox.add(row(2));
    await settle();
    expect(calls).toBe(2);
    await db.outbox.clear();
    await settle();
    expect(calls).toBe(2);
    await db.outbox.add(row(3));
    await settle();
    expect(calls).toBe(3);
    expect(first).toBeGreaterThan(0);
    watch.unsubscribe();
    db.close();
  });
});
