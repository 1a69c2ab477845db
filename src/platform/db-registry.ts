/**
 * The names of the contacts databases opened on this origin: what a logout must wipe. It is
 * a tiny IndexedDB database of its own, opened on the same factory as the contacts database
 * (idb-keyval would use the global `indexedDB` and miss an injected one).
 */
import { Dexie } from '../store/dexie.js';
import type { Table } from 'dexie';
import type { IndexedDbDeps } from './indexed-db.js';

/** The registry database's name. */
export const REGISTRY_DB_NAME = 'offline-contacts-registry';

interface RegistryRow {
  readonly name: string;
  /** Epoch ms of the last open. */
  readonly openedAt: number;
}

class RegistryDb extends Dexie {
  declare names: Table<RegistryRow, string>;

  constructor(deps: IndexedDbDeps) {
    super(REGISTRY_DB_NAME, { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange });
    this.version(1).stores({ names: 'name' });
  }
}

/** Opens the registry for one call and always closes it, so no connection lingers. */
async function withRegistry<T>(deps: IndexedDbDeps, fn: (db: RegistryDb) => Promise<T>): Promise<T> {
  const db = new RegistryDb(deps);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/**
 * Records that the database `name` exists.
 *
 * @throws Dexie errors (callers map them).
 * @example
 * ```ts
 * await registerDatabase(deps, 'contacts-u1', Date.now());
 * ```
 */
export function registerDatabase(deps: IndexedDbDeps, name: string, nowMs: number): Promise<void> {
  return withRegistry(deps, async (db) => { await db.names.put({ name, openedAt: nowMs }); });
}

/**
 * Forgets the database `name` (after it was deleted).
 *
 * @throws Dexie errors (callers map them).
 * @example
 * ```ts
 * await unregisterDatabase(deps, 'contacts-u1');
 * ```
 */
export function unregisterDatabase(deps: IndexedDbDeps, name: string): Promise<void> {
  return withRegistry(deps, (db) => db.names.delete(name));
}

/**
 * The names of every registered contacts database.
 *
 * @throws Dexie errors (callers map them).
 * @example
 * ```ts
 * for (const name of await registeredDatabases(deps)) await Dexie.delete(name);
 * ```
 */
export function registeredDatabases(deps: IndexedDbDeps): Promise<string[]> {
  return withRegistry(deps, (db) => db.names.toCollection().primaryKeys());
}
