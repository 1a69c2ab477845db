/** Live conflicts and outbox size. */
import { distinctUntilChanged, type Observable } from 'rxjs';
import type { Conflict } from '../model/conflict.js';
import type { ContactsDb } from '../store/schema.js';
import { liveObservable } from './live-observable.js';

// In a module of its own so that only the sync drivers' chunks carry it, not the page entry.
export { observeOutboxCount, OUTBOX_COUNT_INTERVAL_MS, type OutboxCountOptions } from './observe-outbox-count.js';

/**
 * All recorded conflicts, oldest first, now and after every change of the table.
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeConflicts(db).subscribe((list) => badge(list.length));
 * ```
 */
export function observeConflicts(db: ContactsDb): Observable<Conflict[]> {
  return liveObservable(() => listConflicts(db)).pipe(distinctUntilChanged<Conflict[]>(sameConflicts));
}

/**
 * All recorded conflicts, oldest first.
 *
 * @example
 * ```ts
 * const conflicts = await listConflicts(db);
 * ```
 */
export function listConflicts(db: ContactsDb): Promise<Conflict[]> {
  return db.conflicts.orderBy('createdAt').toArray();
}

/** Conflicts are few and small; a structural comparison is cheap and catches in-place edits. */
function sameConflicts(a: readonly Conflict[], b: readonly Conflict[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
