/**
 * Bulk insert with the duplicate rule applied as if the contacts were created one after the
 * other: each one is checked against the stored contacts and the ones before it, with one
 * index walk per key kind instead of one lookup per contact.
 */
import type { Contact } from '../model/contact.js';
import { duplicateContactError, duplicateKeyOf } from '../model/duplicates.js';
import { indexOf, shownValue } from './find-duplicate.js';
import { contactRow } from './index-keys.js';
import type { ContactRow, ContactsDb } from './schema.js';

/**
 * Adds `contacts` (new, normalised) in the caller's transaction.
 *
 * @throws ContactsError 409 `DUPLICATE_CONTACT_EXISTS` for the first contact that duplicates
 * a stored or earlier one, unless `allowDuplicates`.
 * @example
 * ```ts
 * await db.transaction('rw', db.contacts, () => importContacts(db, contacts, false));
 * ```
 */
export async function importContacts(db: ContactsDb, contacts: readonly Contact[], allowDuplicates: boolean): Promise<void> {
  const rows = contacts.map(contactRow);
  if (!allowDuplicates) {
    const seen = await storedOwners(db, rows);
    rows.forEach((row) => { checkRow(row, seen); });
  }
  await db.contacts.bulkAdd(rows);
}

/** Owners of duplicate keys: `email:<key>` / `phone:<key>` -> contact id. */
type Owners = Map<string, string>;

async function storedOwners(db: ContactsDb, rows: readonly ContactRow[]): Promise<Owners> {
  const owners: Owners = new Map();
  for (const kind of ['email', 'phone'] as const) {
    const index = indexOf({ kind, value: '' });
    const keys = rows.map((r) => (kind === 'email' ? r.k.dupEmail : r.k.dupPhone)).filter((k) => k !== '');
    if (keys.length === 0) continue;
    await db.contacts.where(index).anyOf(keys).eachKey((key, cursor) => {
      // The dup indexes hold strings only (index-keys.ts).
      const id = `${kind}:${key as string}`;
      if (!owners.has(id)) owners.set(id, String(cursor.primaryKey));
    });
  }
  return owners;
}

/** Checks one row against the owners so far, then records it as an owner of its keys. */
function checkRow(row: ContactRow, owners: Owners): void {
  const key = duplicateKeyOf(row.c.info);
  if (key !== undefined) {
    const owner = owners.get(`${key.kind}:${key.value}`);
    if (owner !== undefined) throw duplicateContactError(owner, key, shownValue(row.c.info, key));
  }
  if (row.k.dupEmail !== '' && !owners.has(`email:${row.k.dupEmail}`)) owners.set(`email:${row.k.dupEmail}`, row._id);
  if (row.k.dupPhone !== '' && !owners.has(`phone:${row.k.dupPhone}`)) owners.set(`phone:${row.k.dupPhone}`, row._id);
}
