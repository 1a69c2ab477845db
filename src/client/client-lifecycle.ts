/** The open/closed state of a client, shared by its methods, builders and observables. */
import { Subject, defer, takeUntil, throwError, type Observable } from 'rxjs';
import { ContactsError } from '../model/contacts-error.js';
import { mapStorageError } from '../store/map-storage-error.js';

/**
 * Guards calls after `close()`: promises reject and new subscriptions error with 503
 * `CLIENT_CLOSED`; live subscriptions complete when the client closes.
 *
 * @example
 * ```ts
 * const life = new ClientLifecycle();
 * await life.run(() => store.getContact(id));
 * ```
 */
export class ClientLifecycle {
  private readonly closedSubject = new Subject<void>();
  private isClosed = false;

  /** True after `markClosed`. */
  get closed(): boolean { return this.isClosed; }

  /**
   * Runs `fn` if the client is open; storage failures come out as `ContactsError`s.
   *
   * @throws ContactsError 503 `CLIENT_CLOSED`, or what `fn` throws (mapped).
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.isClosed) throw clientClosed();
    try {
      return await fn();
    } catch (e) { throw mapStorageError(e); }
  }

  /** `source`, checked for closure at subscribe time and completed on close. */
  live<T>(source: () => Observable<T>): Observable<T> {
    return defer(() => (this.isClosed ? throwError(() => clientClosed()) : source())).pipe(takeUntil(this.closedSubject));
  }

  /** Marks the client closed; false when it already was. */
  markClosed(): boolean {
    if (this.isClosed) return false;
    this.isClosed = true;
    this.closedSubject.next();
    this.closedSubject.complete();
    return true;
  }
}

/**
 * 503 `CLIENT_CLOSED`.
 *
 * @example
 * ```ts
 * throw clientClosed();
 * ```
 */
export function clientClosed(): ContactsError {
  return new ContactsError({ code: 'CLIENT_CLOSED', message: 'The contacts client is closed.' });
}
