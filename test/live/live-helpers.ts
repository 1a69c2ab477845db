/** Collecting emissions of live observables in tests. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Observable } from 'rxjs';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import { ContactsDb } from '../../src/store/schema.js';

export interface Recording<T> {
  readonly values: T[];
  /** Resolves once `count` values were seen (rejects after 2 s). */
  until(count: number): Promise<void>;
  stop(): void;
}

export function record<T>(source: Observable<T>): Recording<T> {
  const values: T[] = [];
  const subscription = source.subscribe({ next: (v) => values.push(v) });
  return {
    values,
    stop: () => { subscription.unsubscribe(); },
    until: async (count) => {
      const deadline = Date.now() + 2000;
      while (values.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emissions, saw ${values.length}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}

/** Long enough for Dexie to re-run every live query after a commit (it takes a few ms). */
export const quiet = (): Promise<void> => new Promise((r) => setTimeout(r, 150));

/** Two clients ("tabs") on the same database. */
export async function openTwoTabs(name = 'live', indexedDB = new IDBFactory()): Promise<[ContactsClient, ContactsClient]> {
  const a = await openContacts({ name, sync: 'off', indexedDB, IDBKeyRange });
  const b = await openContacts({ name, sync: 'off', indexedDB, IDBKeyRange });
  return [a, b];
}

/** A raw connection to the same database, as the sync engine in the worker has. */
export async function openEngineDb(indexedDB: IDBFactory, name = 'live'): Promise<ContactsDb> {
  const db = new ContactsDb(name, { indexedDB, IDBKeyRange });
  await db.open();
  return db;
}
