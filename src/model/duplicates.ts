/**
 * The duplicate rule (WIX-CONTACTS.md section 10, reference-server rule): a contact's
 * duplicate key is its primary email, case-folded; only when it has no email at all, its
 * primary phone (E.164 when it parses, else digits). Storage (IndexedDB or SQL) finds other
 * contacts with the same key; this module says what the key is and builds the error.
 */
import type { ContactInfo } from './contact.js';
import type { ContactsError } from './contacts-error.js';

/** What a contact is matched on for duplicate detection. */
export type DuplicateKey = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** The duplicate key of a normalised info, or undefined when it has no email and no phone. */
export function duplicateKeyOf(info: ContactInfo): DuplicateKey | undefined {
  void info; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * Whether a write must be checked for duplicates: always on create; on update only when the
 * patch sends `emails` or `phones`; never with `allowDuplicates`.
 */
export function needsDuplicateCheck(mode: 'create' | 'update', patch: ContactInfo, allowDuplicates: boolean | undefined): boolean {
  void mode; void patch; void allowDuplicates; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * The 409 `DUPLICATE_CONTACT_EXISTS` error, with `data` `{ duplicateContactId,
 * duplicateEmail }` or `{ duplicateContactId, duplicatePhone }`.
 */
export function duplicateContactError(duplicateContactId: string, key: DuplicateKey, shownValue: string): ContactsError {
  void duplicateContactId; void key; void shownValue; throw new Error('TODO(model helper): not implemented yet');
}
