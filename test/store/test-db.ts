/** Fresh databases for store tests: a new fake-indexeddb factory per call. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Contact } from '../../src/model/contact.js';
import { ContactStore, type ContactStoreOptions } from '../../src/store/contact-store.js';
import { contactRow } from '../../src/store/index-keys.js';
import type { Migration } from '../../src/store/migrations.js';
import { isImportBatch } from '../../src/store/outbox-rows.js';
import { ContactsDb, type OutboxRow } from '../../src/store/schema.js';

export interface TestDb {
  readonly db: ContactsDb;
  readonly indexedDB: IDBFactory;
}

export async function openTestDb(name = 'test', migrations?: readonly Migration[], indexedDB = new IDBFactory()): Promise<TestDb> {
  const db = new ContactsDb(name, { indexedDB, IDBKeyRange }, migrations);
  await db.open();
  return { db, indexedDB };
}

/** A store with a deterministic clock (starting at 2024-01-01, +1 s per call) and ids. */
export async function openTestStore(options: ContactStoreOptions = {}): Promise<{ store: ContactStore; db: ContactsDb }> {
  const { db } = await openTestDb();
  let t = Date.UTC(2024, 0, 1);
  let n = 0;
  const store = new ContactStore(db, {
    now: () => (t += 1000),
    makeId: () => `id-${String(++n).padStart(6, '0')}`,
    ...options,
  });
  return { store, db };
}

/** Stores a contact that is a site member (the server sets memberInfo; locally only the engine writes it). */
export async function putMember(db: ContactsDb, contact: Contact): Promise<Contact> {
  const member = { ...contact, memberInfo: { memberId: 'm-1', status: 'ACTIVE' as const } };
  await db.contacts.put(contactRow(member));
  return member;
}

/** Rejects with a ContactsError of this code (and status), or fails. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const err = e as { code?: unknown; status?: unknown; name?: unknown };
    return `${String(err.status)} ${String(err.code)}`;
  }
  throw new Error('expected a rejection');
}

/** The outbox in seq order, for tests that expect rows of one contact only: throws on an import's batch. */
export async function contactOutboxRows(db: ContactsDb): Promise<OutboxRow[]> {
  return (await db.outbox.orderBy('seq').toArray()).map((r) => {
    if (isImportBatch(r)) throw new Error(`unexpected import batch at seq ${String(r.seq)}`);
    return r;
  });
}
