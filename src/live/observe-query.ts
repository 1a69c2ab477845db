/** Live query results. */
import { distinctUntilChanged, type Observable } from 'rxjs';
import type { Contact } from '../model/contact.js';
import type { ContactQuery } from '../store/query/contact-query.js';
import { runQuery, runQueryItems, type QueryPage } from '../store/query/run-query.js';
import type { ContactsDb } from '../store/schema.js';
import { liveObservable } from './live-observable.js';
import { sameVersions } from './same-versions.js';

/**
 * The page of `query`, live: emits now and whenever a write changes which contacts the page
 * shows, their order, or one of them. Writes that leave the page as it was emit nothing.
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeQuery(db, parseContactQuery({ sort: [{ fieldName: 'info.name.last' }] })).subscribe(render);
 * ```
 */
export function observeQuery(db: ContactsDb, query: ContactQuery): Observable<Contact[]> {
  // Items only: the total is never shown here, and counting would re-read the whole table on
  // every change (and make every write anywhere in it re-run the query).
  return liveObservable(() => runQueryItems(db, query)).pipe(distinctUntilChanged<Contact[]>(sameVersions));
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
