/** How the leading engine learns of new edits, from any tab, without being called. */
import { liveQuery } from '../src/store/dexie.js';
import type { Subscription } from 'dexie';
import type { ContactsDb } from '../src/store/schema.js';

/**
 * Calls `onPending` after every committed change to the outbox (in this context, another
 * tab or the page) that leaves a row in it, and once at the start if there is one.
 *
 * It reads whether a row exists, not how many: it re-runs after every commit that touches
 * the outbox (each acknowledgement of a push), and Chromium counts a store row by row (a
 * count of 5,000 rows after each of a push's commits). Rows, not keys: Dexie re-runs a
 * query of primary keys only when one of the keys it returned goes, so a new edit's row
 * would not be seen.
 *
 * @example
 * ```ts
 * const watch = watchOutbox(db, () => loop.wake('edit'));
 * watch.unsubscribe();
 * ```
 */
export function watchOutbox(db: ContactsDb, onPending: () => void): Subscription {
  return liveQuery(() => db.outbox.limit(1).toArray()).subscribe({
    next: (rows) => { if (rows.length > 0) onPending(); },
    // A failed read is retried on the next change; the retry loop also runs on its own clock.
    error: () => undefined,
  });
}
