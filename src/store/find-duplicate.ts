/** Local duplicate detection (WIX-CONTACTS.md section 10) over the `k.dup*` indexes. */
import type { ContactInfo } from '../model/contact.js';
import type { ContactsError } from '../model/contacts-error.js';
import { duplicateContactError, duplicateKeyOf, type DuplicateKey } from '../model/duplicates.js';
import type { ContactsDb } from './schema.js';

/**
 * The 409 `DUPLICATE_CONTACT_EXISTS` error for `info` when another stored contact has the
 * same duplicate key, else undefined. `excludeId` is the contact being written. When several
 * contacts match, the first in id order is named (a stable choice; Wix does not say).
 * Runs inside the caller's transaction.
 *
 * @example
 * ```ts
 * const dup = await findDuplicate(db, normalized, contact._id);
 * if (dup) throw dup;
 * ```
 */
export async function findDuplicate(db: ContactsDb, info: ContactInfo, excludeId: string): Promise<ContactsError | undefined> {
  const key = duplicateKeyOf(info);
  if (key === undefined) return undefined;
  const ids = await db.contacts.where(indexOf(key)).equals(key.value).primaryKeys();
  const other = ids.find((id) => id !== excludeId);
  return other === undefined ? undefined : duplicateContactError(other, key, shownValue(info, key));
}

/** The `contacts` index holding keys of this kind. */
export function indexOf(key: DuplicateKey): 'k.dupEmail' | 'k.dupPhone' {
  return key.kind === 'email' ? 'k.dupEmail' : 'k.dupPhone';
}

/** The primary email or phone as the user wrote it, for the error's data. */
export function shownValue(info: ContactInfo, key: DuplicateKey): string {
  const items = key.kind === 'email'
    ? info.emails?.items.map((e) => ({ value: e.email, primary: e.primary }))
    : info.phones?.items.map((p) => ({ value: p.phone, primary: p.primary }));
  return (items?.find((i) => i.primary === true) ?? items?.[0])?.value ?? key.value;
}
