/** The IndexedDB globals, read lazily so that importing the library in Node never throws. */
import { Dexie } from '../store/dexie.js';
import { ContactsError } from '../model/contacts-error.js';

/** An IndexedDB implementation: the browser's, or fake-indexeddb's in Node tests. */
export interface IndexedDbDeps {
  readonly indexedDB: IDBFactory;
  readonly IDBKeyRange: typeof IDBKeyRange;
}

/**
 * The injected IndexedDB when given, else the global one.
 *
 * @throws ContactsError 500 `STORAGE_FAILED` when neither exists (e.g. Node without fake-indexeddb).
 * @example
 * ```ts
 * const deps = resolveIndexedDb({ indexedDB: new IDBFactory(), IDBKeyRange });
 * ```
 */
export function resolveIndexedDb(injected: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }): IndexedDbDeps {
  const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
  const indexedDB = injected.indexedDB ?? g.indexedDB;
  const keyRange = injected.IDBKeyRange ?? g.IDBKeyRange;
  if (indexedDB === undefined || keyRange === undefined) {
    throw new ContactsError({ code: 'STORAGE_FAILED', message: 'IndexedDB is not available; pass options.indexedDB and options.IDBKeyRange' });
  }
  return { indexedDB, IDBKeyRange: keyRange };
}

/**
 * Lets Dexie's `liveQuery` run when IndexedDB is injected rather than global (Node with
 * fake-indexeddb). Its server-side-rendering guard skips every live query while
 * `Dexie.dependencies.indexedDB` is empty, even for databases opened on an injected factory.
 * Only an empty slot is filled; a real global IndexedDB is never replaced.
 *
 * @example
 * ```ts
 * enableLiveQueries(resolveIndexedDb(options));
 * ```
 */
export function enableLiveQueries(deps: IndexedDbDeps): void {
  const dexieDeps = Dexie.dependencies as { indexedDB: IDBFactory | null; IDBKeyRange: typeof IDBKeyRange | null };
  if (dexieDeps.indexedDB) return;
  dexieDeps.indexedDB = deps.indexedDB;
  dexieDeps.IDBKeyRange = deps.IDBKeyRange;
}
