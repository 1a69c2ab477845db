/** `openContacts`: the entry point of the library. */
import type { ContactsClient, OpenContactsOptions } from './types.js';
import { ContactsDb } from '../store/schema.js';
import { ContactStore, loadWritePath } from '../store/contact-store.js';
import { mapStorageError } from '../store/map-storage-error.js';
import { invalidArgument } from '../store/store-errors.js';
import { enableLiveQueries, resolveIndexedDb } from '../platform/indexed-db.js';
import { registerDatabase } from '../platform/db-registry.js';
import { hasWorker } from '../platform/worker-support.js';
import { LocalContactsClient } from './local-contacts-client.js';
import { createSyncDriver, preloadSyncDriver } from './sync-driver.js';

const SYNC_MODES = ['worker', 'inline', 'off'] as const;

/**
 * Opens (creating or upgrading) the contacts database `options.name` and returns the client.
 * Without `options.remote` the client is local only and queues nothing to push.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` (bad name or sync mode), 500 `STORAGE_FAILED`
 * (no IndexedDB), 500 `DATABASE_VERSION` (a newer schema is open elsewhere, or a newer
 * version of the library wrote the database), 503 `DATABASE_CLOSED`, 507 `STORAGE_FULL`.
 * @example
 * ```ts
 * const client = await openContacts({ name: 'contacts-u1', sync: 'off' });
 * const { contact } = await client.createContact({ name: { first: 'Ada' } });
 * await client.close();
 * ```
 */
export async function openContacts(options: OpenContactsOptions): Promise<ContactsClient> {
  const { name } = options;
  if (typeof name !== 'string' || name.length === 0) throw invalidArgument('name', 'must be a non-empty string');
  const mode = options.sync ?? (hasWorker() ? 'worker' : 'inline');
  if (!SYNC_MODES.includes(mode)) throw invalidArgument('sync', "must be 'worker', 'inline' or 'off'");
  // The write path is a chunk of its own: fetch it while the database opens, so that a first
  // write seldom waits. A failed fetch is retried (and reported) by the write that needs it.
  loadWritePath().catch(() => undefined);
  preloadSyncDriver(mode, options.remote);
  const deps = resolveIndexedDb(options);
  enableLiveQueries(deps);
  const now = options.now ?? Date.now;
  const db = new ContactsDb(name, deps);
  try {
    // The registry is a database of its own: recording the name beside the open, not after
    // it, takes the registry's open and commit off the path to the first read.
    await Promise.all([db.open(), registerDatabase(deps, name, now())]);
    const store = new ContactStore(db, { queueMutations: options.remote !== undefined, now });
    const driver = await createSyncDriver({
      name, deps, db, store, remote: options.remote, mode, conflictPolicy: options.conflictPolicy ?? 'local', now,
    });
    return new LocalContactsClient({ name, deps, store, driver });
  } catch (e) {
    db.close();
    throw mapStorageError(e);
  }
}
