/** The live view of one contact. */
import { distinctUntilChanged, type Observable } from 'rxjs';
import type { Contact } from '../model/contact.js';
import type { ContactStore } from '../store/contact-store.js';
import { liveObservable } from './live-observable.js';
import { sameVersion } from './same-versions.js';

/**
 * The contact with `contactId`, now and after every change of it; `undefined` while it does
 * not exist (or after it is deleted). A temporary id keeps working after the server assigns
 * the real one (the alias is followed).
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeContact(store, id).subscribe((c) => render(c));
 * ```
 */
export function observeContact(store: ContactStore, contactId: string): Observable<Contact | undefined> {
  return liveObservable(() => store.findContact(contactId)).pipe(distinctUntilChanged(sameVersion));
}
