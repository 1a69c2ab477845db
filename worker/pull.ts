/** Pulling the change feed to its head, one page per transaction (with its cursor), reading one page ahead. */
import type { SyncProgress } from '../src/model/sync-status.js';
import type { ChangesPage } from '../src/remote/contacts-remote.js';
import { mapStorageError } from '../src/store/map-storage-error.js';
import { applyChangesPage, CURSOR_KEY, freshRows, idOf } from './apply-changes.js';
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
 * The next page is requested as soon as a page has arrived (its cursor is all the request
 * needs), so the server and the network work while this page is applied. Commits stay
 * strictly in order, one page and its cursor per transaction; when applying fails, the
 * page read ahead is dropped unapplied. A failure leaves every applied page applied (and
 * its cursor stored): the next pull resumes after the last of them.
 *
 * @throws ContactsError from the remote or storage.
 */
export async function pullToHead(
  deps: EngineDeps, labels: LabelRegistry, onProgress: (p: SyncProgress | undefined) => void,
): Promise<number> {
  const read = (cursor: string | undefined): Promise<ChangesPage> => deps.remote.changes(cursor, ENGINE_LIMITS.pullPageSize);
  // Both local reads before the first request: a request left without a handler while
  // something else is awaited is an unhandled rejection when it fails (soak seed 4105000).
  const [cursor, fresh] = await Promise.all([readCursor(deps), freshRows(deps.db)]);
  let next = read(cursor);
  let pulled = 0;
  try {
    for (;;) {
      const page = await next;
      const ahead = page.hasMore ? read(page.cursor) : undefined;
      // Handled here so that a read-ahead failing while this page's apply fails is no
      // unhandled rejection; awaited below, it still rejects.
      ahead?.catch(() => undefined);
      for (const c of page.changes) if ('contact' in c) labels.learn(c.contact.info);
      await applyChangesPage(deps, page, fresh);
      // After the commit only: an id counted as written while its page rolled back would be
      // harmless (looked up, found absent), one left out would not.
      for (const c of page.changes) fresh?.written.add(idOf(c));
      pulled += page.changes.length;
      if (ahead === undefined) return pulled;
      onProgress(page.remaining === undefined ? { pulled } : { pulled, total: pulled + page.remaining });
      next = ahead;
    }
  } finally {
    onProgress(undefined);
  }
}
