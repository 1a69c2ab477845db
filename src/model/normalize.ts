/**
 * Normalisation: what the server does to every info it stores, done locally too so that an
 * offline read looks like the server's answer.
 */
import type { Contact, ContactInfo } from './contact.js';

/**
 * Returns the normal form of a validated info: missing tags become `UNTAGGED`; in a
 * non-empty email or phone list exactly one item is `primary: true` (the first one when none
 * is) and the others `primary: false`; `e164Phone` is computed where it parses; the
 * `contacts.displayByFirstName`/`displayByLastName` extended fields are derived from the
 * name; empty strings, empty wrappers and empty name objects are dropped. Pure and
 * idempotent. Item `_id`s are kept as they are (assigning them is the server's job).
 */
export function normalizeInfo(info: ContactInfo): ContactInfo {
  void info; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * The read-only fields derived from a normalised info: `primaryInfo`, `primaryEmail` and
 * `primaryPhone` with their default statuses. Statuses are carried over from `previous`
 * when its primary email (or phone) is still the primary one.
 */
export function derivePrimaryFields(
  info: ContactInfo,
  previous?: Pick<Contact, 'primaryEmail' | 'primaryPhone'>,
): Pick<Contact, 'primaryInfo' | 'primaryEmail' | 'primaryPhone'> {
  void info; void previous; throw new Error('TODO(model helper): not implemented yet');
}
