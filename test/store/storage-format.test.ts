/**
 * The storage-format stamp (src/store/storage-format.ts): a database written by a newer
 * version of the library is refused with a clear error, never misread; older ones are
 * stamped and read as they are.
 */
import { Dexie } from '../../src/store/dexie.js';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { mapStorageError } from '../../src/store/map-storage-error.js';
import { applyMigrations, MIGRATIONS } from '../../src/store/migrations.js';
import { ContactsDb, type MetaRow } from '../../src/store/schema.js';
import { STORAGE_FORMAT, STORAGE_FORMAT_KEY } from '../../src/store/storage-format.js';

/** The same database as the library's, without the stamp check: what older code did. */
function unchecked(name: string, indexedDB: IDBFactory): Dexie {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  applyMigrations(db, MIGRATIONS);
  return db;
}

async function stamp(name: string, indexedDB: IDBFactory, value: number | undefined): Promise<void> {
  const db = unchecked(name, indexedDB);
  const meta = db.table<MetaRow, string>('meta');
  if (value === undefined) await meta.delete(STORAGE_FORMAT_KEY);
  else await meta.put({ key: STORAGE_FORMAT_KEY, value });
  db.close();
}

describe('storage format', () => {
  it('stamps a new database as it opens', async () => {
    const db = new ContactsDb('f1', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(await db.meta.get(STORAGE_FORMAT_KEY)).toEqual({ key: STORAGE_FORMAT_KEY, value: STORAGE_FORMAT });
    db.close();
  });

  it('reads an unstamped database as it is, and stamps it', async () => {
    const indexedDB = new IDBFactory();
    const old = unchecked('f2', indexedDB);
    await old.table<MetaRow, string>('meta').put({ key: 'pullCursor', value: 'c9' });
    old.close();
    const db = new ContactsDb('f2', { indexedDB, IDBKeyRange });
    expect((await db.meta.get('pullCursor'))?.value).toBe('c9');
    expect((await db.meta.get(STORAGE_FORMAT_KEY))?.value).toBe(STORAGE_FORMAT);
    db.close();
  });

  it('refuses a database a newer version wrote (500 DATABASE_VERSION), and leaves it as it was', async () => {
    const indexedDB = new IDBFactory();
    await stamp('f3', indexedDB, STORAGE_FORMAT + 1);
    const db = new ContactsDb('f3', { indexedDB, IDBKeyRange });
    const error = mapStorageError(await db.open().then(() => undefined, (e: unknown) => e));
    expect(error).toBeInstanceOf(ContactsError);
    expect([error.status, error.code]).toEqual([500, 'DATABASE_VERSION']);
    expect(error.data).toEqual({ storageFormat: STORAGE_FORMAT + 1, supported: STORAGE_FORMAT });
    const raw = unchecked('f3', indexedDB);
    expect((await raw.table<MetaRow, string>('meta').get(STORAGE_FORMAT_KEY))?.value).toBe(STORAGE_FORMAT + 1);
    raw.close();
  });

  it('checks again when the connection is opened again', async () => {
    const indexedDB = new IDBFactory();
    const db = new ContactsDb('f4', { indexedDB, IDBKeyRange });
    await db.open();
    db.close();
    await stamp('f4', indexedDB, STORAGE_FORMAT + 1);
    const error = mapStorageError(await db.open().then(() => undefined, (e: unknown) => e));
    expect(error.code).toBe('DATABASE_VERSION');
  });

  it('openContacts rejects with DATABASE_VERSION on such a database', async () => {
    const indexedDB = new IDBFactory();
    await stamp('f5', indexedDB, STORAGE_FORMAT + 1);
    await expect(openContacts({ name: 'f5', sync: 'off', indexedDB, IDBKeyRange })).rejects.toMatchObject({ code: 'DATABASE_VERSION', status: 500 });
  });
});
