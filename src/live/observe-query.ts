/** Live query results. */
import { distinctUntilChanged, Observable } from 'rxjs';
import type { Contact } from '../model/contact.js';
import { Dexie } from '../store/dexie.js';
import type { LocalWrites } from '../store/local-writes.js';
import type { ContactQuery } from '../store/query/contact-query.js';
import { runQuery, runQueryItems, type QueryPage } from '../store/query/run-query.js';
import type { ContactsDb } from '../store/schema.js';
import { liveObservable } from './live-observable.js';
import { sameVersions } from './same-versions.js';
import { withLocalWrites } from './with-local-writes.js';

/**
 * The page of `query`, live: emits now and whenever a write changes which contacts the page
 * shows, their order, or one of them. Writes that leave the page as it was emit nothing.
 * With `writes` (the store's, src/store/local-writes.ts), this tab's own writes show as
 * soon as they are issued, before their commit, where the page alone tells where they go
 * (with-local-writes.ts); a write that then fails is withdrawn.
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeQuery(db, parseContactQuery({ sort: [{ fieldName: 'info.name.last' }] }), store.writes).subscribe(render);
 * ```
 */
export function observeQuery(db: ContactsDb, query: ContactQuery, writes?: LocalWrites): Observable<Contact[]> {
  // Items only: the total is never shown here, and counting would re-read the whole table on
  // every change (and make every write anywhere in it re-run the query).
  if (writes === undefined) return liveObservable(() => runQueryItems(db, query)).pipe(distinctUntilChanged<Contact[]>(sameVersions));
  const reads = liveObservable(async () => {
    // Taken before the read: the read reflects every write committed by then.
    const epoch = writes.epoch;
    return { items: await runQueryItems(db, query), epoch };
  });
  return new Observable<Contact[]>((subscriber) => {
    let read: { readonly items: Contact[]; readonly epoch: number } | undefined;
    const show = (): void => {
      if (read !== undefined) subscriber.next(withLocalWrites(read.items, writes.since(read.epoch), query) ?? read.items);
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
      next: (value) => { read = value; show(); },
      error: (error: unknown) => { subscriber.error(error); },
      complete: () => { subscriber.complete(); },
    });
    return () => { off(); subscription.unsubscribe(); };
  }).pipe(distinctUntilChanged<Contact[]>(sameVersions));
}

/**
 * The page and its total, live (re-emits when either changes).
 *
 * @example
 * ```ts
 * observeQueryPage(db, q).subscribe(({ totalCount }) => showCount(totalCount));
 * ```
 */
export function observeQueryPage(db: ContactsDb, query: ContactQuery): Observable<QueryPage> {
  return liveObservable(() => runQuery(db, query)).pipe(
    distinctUntilChanged((a, b) => a.totalCount === b.totalCount && sameVersions(a.items, b.items)),
  );
}
