/**
 * Reads every record of every object store of every database on a fake-indexeddb factory
 * with the raw IndexedDB API (not Dexie, so nothing the library does can hide a row), as
 * text: what a search for a secret must come up empty on.
 */
import type { IDBFactory } from 'fake-indexeddb';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = factory.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error(`cannot open ${name}`));
    r.onupgradeneeded = () => { r.transaction?.abort(); };
  });
}

/** One database's content: store name -> every key and value, serialised. */
export async function dumpDatabase(factory: IDBFactory, name: string): Promise<Record<string, string>> {
  const db = await openDb(factory, name);
  try {
    const out: Record<string, string> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(store, 'readonly');
      const os = tx.objectStore(store);
      const [keys, values] = await Promise.all([request(os.getAllKeys()), request(os.getAll())]);
      out[store] = JSON.stringify({ keys, values });
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every database on the factory, dumped. */
export async function dumpAll(factory: IDBFactory): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const { name } of await factory.databases()) if (name !== undefined) out[name] = await dumpDatabase(factory, name);
  return out;
}
