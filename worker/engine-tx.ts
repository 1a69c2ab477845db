/**
 * The engine's write transaction: every table it may touch, fenced by the leadership epoch,
 * storage failures mapped to codes. Only Dexie is awaited inside (no fetch, no timers).
 */
import { mapStorageError } from '../src/store/map-storage-error.js';
import type { EngineDeps } from './engine-deps.js';

/** Runs `body` in one read-write transaction after checking that this engine still leads. */
export async function engineTx<T>(deps: Pick<EngineDeps, 'db' | 'fence'>, body: () => Promise<T>): Promise<T> {
  const { db } = deps;
  try {
    return await db.transaction('rw', [db.contacts, db.bases, db.outbox, db.conflicts, db.meta, db.aliases], async () => {
      await deps.fence.check(db);
      return body();
    });
  } catch (e) {
    throw mapStorageError(e);
  }
}
