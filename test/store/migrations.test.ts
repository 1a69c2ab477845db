import { Dexie } from '../../src/store/dexie.js';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, applyMigrations, type Migration } from '../../src/store/migrations.js';
import { ContactsDb } from '../../src/store/schema.js';
import { IDBFactory } from 'fake-indexeddb';

// The v1 schema exactly as released; never derived from MIGRATIONS, so an edit of the
// released entry makes this test fail.
const V1_STORES = {
  contacts: '_id, k.first, k.last, k.email, k.phone, k.created, *k.labels, k.dupEmail, k.dupPhone',
  bases: 'contactId',
  outbox: '++seq, contactId, mutationId',
  conflicts: 'id, contactId, createdAt',
  meta: 'key',
  aliases: 'tempId, serverId',
};

const row = { _id: 'c1', c: { _id: 'c1', revision: 1, info: { name: { first: 'Ada' } } }, k: { first: 'ada', last: '', email: '', phone: '', created: 1, labels: ['custom.a'], dupEmail: '', dupPhone: '' } };

describe('migrations', () => {
  it('reopens a database written with the released v1 schema and keeps its rows and indexes', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('m', { indexedDB, IDBKeyRange });
    v1.version(1).stores(V1_STORES);
    await v1.table('contacts').put(row);
    await v1.table('meta').put({ key: 'cursor', value: 'abc' });
    v1.close();

    const db = new ContactsDb('m', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.contacts.where('k.first').startsWith('ad').primaryKeys()).toEqual(['c1']);
    expect(await db.contacts.where('k.labels').equals('custom.a').count()).toBe(1);
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 'abc' });
    db.close();
  });

  it('applies a later version in order, running its upgrade over the old rows', async () => {
    const indexedDB = new IDBFactory();
    const db1 = new ContactsDb('m', { indexedDB, IDBKeyRange });
    await db1.contacts.put(row);
    db1.close();

    const order: number[] = [];
    const v3: Migration = {
      version: SCHEMA_VERSION + 1,
      stores: { contacts: '_id, k.first, k.last, k.email, k.phone, k.created, *k.labels, k.dupEmail, k.dupPhone, k.company' },
      upgrade: async (tx) => {
        order.push(3);
        await tx.table('contacts').toCollection().modify((r: { k: Record<string, unknown> }) => { r.k['company'] = 'none'; });
      },
    };
    const v4: Migration = { version: SCHEMA_VERSION + 2, stores: {}, upgrade: () => { order.push(4); } };
    // Listed out of order on purpose: applyMigrations sorts by version.
    const db = new ContactsDb('m', { indexedDB, IDBKeyRange }, [v4, ...MIGRATIONS, v3]);
    await db.open();
    expect(order).toEqual([3, 4]);
    expect(db.verno).toBe(SCHEMA_VERSION + 2);
    expect(await db.contacts.where('k.company' as string).equals('none').primaryKeys()).toEqual(['c1']);
    db.close();
  });

  it('v2 drops the outbox mutationId index and keeps the queued rows, in order', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('m', { indexedDB, IDBKeyRange });
    v1.version(1).stores(V1_STORES);
    await v1.table('outbox').bulkAdd([
      { op: 'update', contactId: 'c1', patch: { company: 'A' }, allowDuplicates: false, mutationId: 'm1', createdAt: 1 },
      { op: 'delete', contactId: 'c2', mutationId: 'm2', createdAt: 2 },
    ]);
    v1.close();

    const db = new ContactsDb('m', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.outbox.schema.indexes.map((i) => i.name)).toEqual(['contactId']);
    expect((await db.outbox.toArray()).map((r) => [r.seq, r.mutationId])).toEqual([[1, 'm1'], [2, 'm2']]);
    expect(await db.outbox.where('contactId').equals('c2').count()).toBe(1);
    // The key generator goes on after the old rows.
    expect(await db.outbox.add({ op: 'delete', contactId: 'c3' as never, mutationId: 'm3', createdAt: 3 } as never)).toBe(3);
    db.close();
  });

  it('refuses two entries with the same version', () => {
    const db = new Dexie('dup', { indexedDB: new IDBFactory(), IDBKeyRange });
    expect(() => { applyMigrations(db, [...MIGRATIONS, ...MIGRATIONS]); }).toThrow(/duplicate schema version 1/);
  });

  it('older code still opens a database a newer version upgraded (Dexie 4 opens at the stored version)', async () => {
    const indexedDB = new IDBFactory();
    const newer = new ContactsDb('m', { indexedDB, IDBKeyRange }, [...MIGRATIONS, { version: 9, stores: {} }]);
    await newer.contacts.put(row);
    newer.close();
    const older = new ContactsDb('m', { indexedDB, IDBKeyRange });
    await older.open();
    expect(await older.contacts.get('c1')).toEqual(row);
    older.close();
  });
});
