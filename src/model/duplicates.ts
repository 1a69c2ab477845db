/**
 * The duplicate rule (WIX-CONTACTS.md section 10, reference-server rule): a contact's
 * duplicate key is its primary email, case-folded; only when it has no email at all, its
 * primary phone (E.164 when it parses, else digits). Storage (IndexedDB or SQL) finds other
 * contacts with the same key; this module says what the key is and builds the error.
 */
import type { ContactInfo } from './contact.js';
import { appError, type ContactsError } from './contacts-error.js';
import { emailKey, phoneKey } from './identity.js';

/** What a contact is matched on for duplicate detection. */
export type DuplicateKey = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/**
 * The duplicate key of a normalised info, or undefined when it has no email and no phone.
 * The primary item is the one flagged `primary`, else the first.
 *
 * @example
 * ```ts
 * duplicateKeyOf({ emails: { items: [{ email: 'Ann@Example.com', primary: true }] } }); // { kind: 'email', value: 'ann@example.com' }
 * ```
 */
export function duplicateKeyOf(info: ContactInfo): DuplicateKey | undefined {
  const emails = info.emails?.items ?? [];
  if (emails.length > 0) {
    const email = emails.find((e) => e.primary === true) ?? emails[0];
    const value = email === undefined ? '' : emailKey(email.email);
    return value === '' ? undefined : { kind: 'email', value };
  }
  const phones = info.phones?.items ?? [];
  const phone = phones.find((p) => p.primary === true) ?? phones[0];
  if (phone === undefined) return undefined;
  const value = phoneKey(phone);
  return value === '' ? undefined : { kind: 'phone', value };
}

/**
 * Whether a write must be checked for duplicates: always on create; on update only when the
 * patch sends `emails` or `phones`; never with `allowDuplicates`.
 */
export function needsDuplicateCheck(mode: 'create' | 'update', patch: ContactInfo, allowDuplicates: boolean | undefined): boolean {
  if (allowDuplicates === true) return false;
  return mode === 'create' || patch.emails !== undefined || patch.phones !== undefined;
}

/**
 * The 409 `DUPLICATE_CONTACT_EXISTS` error, with `data` `{ duplicateContactId,
 * duplicateEmail }` or `{ duplicateContactId, duplicatePhone }`. `shownValue` is the email
 * or phone as the caller wrote it (not the key).
 */
export function duplicateContactError(duplicateContactId: string, key: DuplicateKey, shownValue: string): ContactsError {
  const data = key.kind === 'email'
    ? { duplicateContactId, duplicateEmail: shownValue }
    : { duplicateContactId, duplicatePhone: shownValue };
  return appError('DUPLICATE_CONTACT_EXISTS', `a contact with this ${key.kind} already exists`, data);
}
