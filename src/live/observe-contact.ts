/** The live view of one contact. */
import { distinctUntilChanged, type Observable } from 'rxjs';
import type { Contact } from '../model/contact.js';
import type { ContactStore } from '../store/contact-store.js';
import type { LocalWrite } from '../store/local-writes.js';
import { sameVersion } from './same-versions.js';
import { withOwnWrites } from './with-own-writes.js';

/**
 * The contact with `contactId`, now and after every change of it; `undefined` while it does
 * not exist (or after it is deleted). A temporary id keeps working after the server assigns
 * the real one (the alias is followed). This tab's own writes of it show before they commit,
 * as in `observe()` (src/store/local-writes.ts).
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeContact(store, id).subscribe((c) => render(c));
 * ```
 */
export function observeContact(store: ContactStore, contactId: string): Observable<Contact | undefined> {
  return withOwnWrites(store.writes, () => store.findContact(contactId), (read, writes) => withOwnWritesOf(contactId, read, writes))
    .pipe(distinctUntilChanged(sameVersion));
}

/**
 * `read` (the stored contact asked for as `contactId`) after the writes of it among
 * `writes`, in order; a write older than what is shown is skipped. A write names the id it
 * wrote under: the asked id, or the one `read` is stored under (an alias was followed).
 *
 * @example
 * ```ts
 * withOwnWritesOf('c1', stored, [{ id: 'c1', after: edited, revision: 2 }]); // edited
 * ```
 */
export function withOwnWritesOf(contactId: string, read: Contact | undefined, writes: readonly LocalWrite[]): Contact | undefined {
  let shown = read;
  let lastRevision = read?.revision ?? 0;
  for (const write of writes) {
    if (write.id !== contactId && write.id !== read?._id) continue;
    if (write.revision <= lastRevision) continue;
    shown = write.after;
    lastRevision = write.revision;
  }
  return shown;
}
