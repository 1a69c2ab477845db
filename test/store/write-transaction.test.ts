/**
 * Every public write of `ContactStore` is exactly one read-write transaction, including the
 * requests it issues after awaiting (a lost Dexie zone would run them in implicit ones); and
 * the import's shortcut for an empty store still applies the duplicate rule within a batch.
 */
import type { DBCore } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ContactStore } from '../../src/store/contact-store.js';
import { countPending } from '../../src/store/pending-count.js';
import { ContactsDb } from '../../src/store/schema.js';

/** A store whose database records the mode of every transaction it starts. */
async function countingStore(): Promise<{ store: ContactStore; db: ContactsDb; modes: string[] }> {
  const db = new ContactsDb('write-transaction', { indexedDB: new IDBFactory(), IDBKeyRange });
  const modes: string[] = [];
  db.use({
    stack: 'dbcore',
    name: 'count-transactions',
    create: (core: DBCore): DBCore => ({
      ...core,
      transaction: (stores, mode, options) => {
        modes.push(mode);
        return core.transaction(stores, mode, options);
      },
    }),
  });
  await db.open();
  // Only the writes' transactions count, not opening's (the storage-format check).
  modes.length = 0;
  return { store: new ContactStore(db, { queueMutations: true }), db, modes };
}

describe('ContactStore write transactions', () => {
  it('reads, checks duplicates, writes the contact and its outbox row in one readwrite transaction', async () => {
    const { store, db, modes } = await countingStore();
    const created = await store.createContact({ name: { first: 'Ada' }, emails: { items: [{ email: 'ada@example.com' }] } });
    modes.length = 0;
    // Sending emails makes the update await a duplicate lookup before it writes.
    const updated = await store.updateContact(created._id, { emails: { items: [{ email: 'ada@example.org' }] } }, 1);
    expect(modes).toEqual(['readwrite']);
    expect(updated.revision).toBe(2);
    expect(await db.outbox.count()).toBe(2);
    db.close();
  });

  it('refuses a duplicate within a batch imported into an empty store (no stored keys to walk)', async () => {
    const { store, db } = await countingStore();
    const batch = [{ emails: { items: [{ email: 'ann@example.com' }] } }, { emails: { items: [{ email: 'Ann@Example.com' }] } }];
    await expect(store.importContacts(batch)).rejects.toMatchObject({ code: 'DUPLICATE_CONTACT_EXISTS' });
    expect(await db.contacts.count()).toBe(0);
    db.close();
  });

  it('imports a batch with its duplicate walk and outbox rows in one readwrite transaction', async () => {
    const { store, db, modes } = await countingStore();
    await store.importContacts([{ name: { first: 'Ada' } }, { emails: { items: [{ email: 'bob@example.com' }] } }]);
    expect(modes).toEqual(['readwrite']);
    expect(await db.outbox.count()).toBe(1);
    expect(await countPending(db)).toBe(2);
    db.close();
  });
});
