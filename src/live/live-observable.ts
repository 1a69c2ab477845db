/**
 * Dexie `liveQuery` as an RxJS Observable. Dexie re-runs the querier after any committed
 * write that touches what it read, in this tab, in another tab or in the worker (Dexie
 * broadcasts its change sets over BroadcastChannel).
 */
import { liveQuery } from '../store/dexie.js';
import { Observable } from 'rxjs';
import { mapStorageError } from '../store/map-storage-error.js';

/**
 * An Observable of `querier`'s result, re-evaluated on every relevant change. Errors are
 * mapped to `ContactsError` codes. The querier may only await Dexie reads.
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * liveObservable(() => db.outbox.count()).subscribe((n) => console.log(n));
 * ```
 */
export function liveObservable<T>(querier: () => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    // An async wrapper: Dexie tracks reads across awaits only in native async queriers.
    const subscription = liveQuery(async () => querier()).subscribe({
      next: (value) => { subscriber.next(value); },
      error: (error: unknown) => { subscriber.error(mapStorageError(error)); },
      complete: () => { subscriber.complete(); },
    });
    return () => { subscription.unsubscribe(); };
  });
}
