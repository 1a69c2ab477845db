/** Live query results. */
import { distinctUntilChanged, type Observable } from 'rxjs';
import type { Contact } from '../model/contact.js';
import type { LocalWrites } from '../store/local-writes.js';
import type { ContactQuery } from '../store/query/contact-query.js';
import { runQueryItems } from '../store/query/run-query.js';
import type { ContactsDb } from '../store/schema.js';
import { sameVersions } from './same-versions.js';
import { withLocalWrites } from './with-local-writes.js';
import { withOwnWrites } from './with-own-writes.js';

/**
 * The page of `query`, live: emits now and whenever a write changes which contacts the page
 * shows, their order, or one of them. Writes that leave the page as it was emit nothing.
 * This tab's own writes (`writes`, the store's: src/store/local-writes.ts) show as soon
 * as they are issued, before their commit, as far as the page alone tells where they
 * go (with-local-writes.ts); a write that then fails is withdrawn.
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeQuery(db, parseContactQuery({ sort: [{ fieldName: 'info.name.last' }] }), store.writes).subscribe(render);
 * ```
 */
export function observeQuery(db: ContactsDb, query: ContactQuery, writes: LocalWrites): Observable<Contact[]> {
  // Items only: the total is never shown here, and counting would re-read the whole table on
  // every change (and make every write anywhere in it re-run the query).
  return withOwnWrites(writes, () => runQueryItems(db, query), (items, own) => withLocalWrites(items, own, query))
    .pipe(distinctUntilChanged<Contact[]>(sameVersions));
}
