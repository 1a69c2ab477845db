/**
 * A live read with this tab's own writes shown before they commit (src/store/local-writes.ts):
 * the plumbing shared by `observe()` and `contact$`, which differ only in how they apply the
 * writes to what they read.
 */
import { Observable } from 'rxjs';
import { Dexie } from '../store/dexie.js';
import type { LocalWrite, LocalWrites } from '../store/local-writes.js';
import { liveObservable } from './live-observable.js';

/**
 * `read`, live (re-run by Dexie after every relevant commit, as `liveObservable`), each
 * result passed through `apply` with the writes it may not reflect; again whenever writes
 * are shown or withdrawn. Add `distinctUntilChanged`: most commits then emit nothing new.
 *
 * @throws (as an Observable error) what `read` throws, mapped to ContactsError storage codes.
 * @example
 * ```ts
 * withOwnWrites(store.writes, () => store.findContact(id), (c, writes) => latestOf(c, writes));
 * ```
 */
export function withOwnWrites<T>(writes: LocalWrites, read: () => Promise<T>, apply: (value: T, writes: readonly LocalWrite[]) => T): Observable<T> {
  const reads = liveObservable(async () => {
    // Taken before the read: the read reflects every write committed by then.
    const epoch = writes.epoch;
    return { value: await read(), epoch };
  });
  return new Observable<T>((subscriber) => {
    let last: { readonly value: T; readonly epoch: number } | undefined;
    const show = (): void => {
      if (last !== undefined) subscriber.next(apply(last.value, writes.since(last.epoch)));
    };
    let scheduled = false;
    const off = writes.onChange(() => {
      // Announced from inside the write's transaction: show after it, outside its zone, so
      // that nothing the subscriber does runs in (or holds up) the write's transaction.
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => { scheduled = false; Dexie.ignoreTransaction(show); });
    });
    const subscription = reads.subscribe({
      next: (value) => { last = value; show(); },
      error: (error: unknown) => { subscriber.error(error); },
      complete: () => { subscriber.complete(); },
    });
    return () => { off(); subscription.unsubscribe(); };
  });
}
