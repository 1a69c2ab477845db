/** Pulling the change feed to its head, one page per transaction (with its cursor). */
import type { SyncProgress } from '../src/model/sync-status.js';
import { mapStorageError } from '../src/store/map-storage-error.js';
import { applyChangesPage, CURSOR_KEY } from './apply-changes.js';
import { ENGINE_LIMITS, type EngineDeps } from './engine-deps.js';
import type { LabelRegistry } from './label-registry.js';

/** The stored cursor, undefined before the first pull. */
export async function readCursor(deps: Pick<EngineDeps, 'db'>): Promise<string | undefined> {
  try {
    const row = await deps.db.meta.get(CURSOR_KEY);
    return typeof row?.value === 'string' ? row.value : undefined;
  } catch (e) {
    throw mapStorageError(e);
  }
}

/**
 * Reads and applies pages from the stored cursor until the server says there is no more.
 * A failure leaves every applied page applied (and its cursor stored): the next pull resumes.
 *
 * @throws ContactsError from the remote or storage.
 */
export async function pullToHead(
  deps: EngineDeps, labels: LabelRegistry, onProgress: (p: SyncProgress | undefined) => void,
): Promise<number> {
  let cursor = await readCursor(deps);
  let pulled = 0;
  try {
    for (;;) {
      const page = await deps.remote.changes(cursor, ENGINE_LIMITS.pullPageSize);
      for (const c of page.changes) if ('contact' in c) labels.learn(c.contact.info);
      await applyChangesPage(deps, page);
      pulled += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) return pulled;
      onProgress(page.remaining === undefined ? { pulled } : { pulled, total: pulled + page.remaining });
    }
  } finally {
    onProgress(undefined);
  }
}
