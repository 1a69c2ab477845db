/** Live conflicts and outbox size. */
import { distinctUntilChanged, type Observable } from 'rxjs';
import type { Conflict } from '../model/conflict.js';
import type { ContactsDb } from '../store/schema.js';
import { liveObservable } from './live-observable.js';

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

/**
 * The number of outbox rows, now and after every change.
 *
 * @example
 * ```ts
 * observeOutboxCount(db).subscribe((pending) => status.next({ state: 'idle', pending }));
 * ```
 */
export function observeOutboxCount(db: ContactsDb): Observable<number> {
  return liveObservable(() => db.outbox.count()).pipe(distinctUntilChanged());
}

/** Conflicts are few and small; a structural comparison is cheap and catches in-place edits. */
function sameConflicts(a: readonly Conflict[], b: readonly Conflict[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
