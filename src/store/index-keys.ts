/**
 * The index keys of a contact row. Strings are lower-cased so that `startsWith` (and the
 * sort order of the server, which compares lower-cased values) can use an IndexedDB index;
 * missing strings are `""` so that every row is in every index.
 */
import type { Contact } from '../model/contact.js';
import { duplicateKeyOf } from '../model/duplicates.js';
import { phoneKey } from '../model/identity.js';
// Sortable keys come from the model's sort keys of the query table's own rows, so that
// walking an index gives exactly the order of `compareContacts` (and of the server).
import { CREATED_DATE_FIELD, FIRST_NAME_FIELD as FIRST, LAST_NAME_FIELD as LAST, PRIMARY_EMAIL_FIELD as EMAIL } from '../model/query/indexed-fields.js';
import { sortKeyOf } from '../model/query/sort-key.js';
import { lower } from './lower.js';
import type { ContactRow, IndexKeys } from './schema.js';

/**
 * The index keys of a (normalised) contact.
 *
 * @example
 * ```ts
 * indexKeysOf(contact).first; // 'ada' for info.name.first 'Ada'
 * ```
 */
export function indexKeysOf(contact: Contact): IndexKeys {
  const { info } = contact;
  const dup = duplicateKeyOf(info);
  return {
    first: String(sortKeyOf(FIRST, contact).value),
    last: String(sortKeyOf(LAST, contact).value),
    email: String(sortKeyOf(EMAIL, contact).value),
    phone: lower(contact.primaryInfo?.phone),
    created: Number(sortKeyOf(CREATED_DATE_FIELD, contact).value),
    labels: info.labelKeys?.items ?? [],
    dupEmail: dup?.kind === 'email' ? dup.value : '',
    dupPhone: dup?.kind === 'phone' ? dup.value : primaryPhoneKey(contact),
  };
}

/**
 * A contact that has an email is still found by its phone: the rule compares a phone-only
 * contact's phone with every other contact's primary phone (WIX-CONTACTS.md section 10).
 */
function primaryPhoneKey(contact: Contact): string {
  const phones = contact.info.phones?.items;
  const primary = phones?.find((p) => p.primary === true) ?? phones?.[0];
  return primary === undefined ? '' : phoneKey(primary);
}

/**
 * The row stored for `contact`.
 *
 * @example
 * ```ts
 * await db.contacts.put(contactRow(contact));
 * ```
 */
export function contactRow(contact: Contact): ContactRow {
  return { _id: contact._id, c: contact, k: indexKeysOf(contact) };
}
