/**
 * Change detection for live results: a contact's local revision goes up on every change
 * this device sees, so equal ids and revisions mean nothing shown has changed.
 */
import type { Contact } from '../model/contact.js';

/**
 * True when both lists show the same contacts, in the same order, at the same revisions.
 *
 * @example
 * ```ts
 * source$.pipe(distinctUntilChanged(sameVersions));
 * ```
 */
export function sameVersions(a: readonly Contact[], b: readonly Contact[]): boolean {
  return a.length === b.length && a.every((c, i) => sameVersion(c, b[i]));
}

/**
 * True when both are absent, or the same contact at the same revision.
 *
 * @example
 * ```ts
 * contact$.pipe(distinctUntilChanged(sameVersion));
 * ```
 */
export function sameVersion(a: Contact | undefined, b: Contact | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a._id === b._id && a.revision === b.revision;
}
